export { useCReactContext, type CReactContextValue, type UseCReactContextOptions } from "./useCReactContext.js";
export * from "./core/index.js";
