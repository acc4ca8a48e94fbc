// `creact/jsx-runtime` and `creact/jsx-dev-runtime`: the automatic JSX runtime, served by the core module.
export { jsx, jsxs, jsxDEV, Fragment } from "creact";
