// Type declarations for `creact/jsx-runtime` and `creact/jsx-dev-runtime`, the automatic JSX runtime
// that TypeScript uses with `"jsx": "react-jsx"` and `"jsxImportSource": "creact"`. Both re-export
// the entry points and the JSX namespace of the `creact` module.

declare module "creact/jsx-runtime" {
  export { jsx, jsxs, jsxDEV, Fragment, JSX } from "creact";
}

declare module "creact/jsx-dev-runtime" {
  export { jsx, jsxs, jsxDEV, Fragment, JSX } from "creact";
}
