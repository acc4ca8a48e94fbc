// Type declarations for `creact/app`: nested apps. A child app is a creact project of its own (its own
// infrastructure.tsx, optional creact.config.* and manifest) deployed from its parent's tree into its own
// stack, `<parent-stack>/<app-id>`, under the parent's backend.

declare module "creact/app" {
  import type { Construct } from "creact";

  export interface CReactAppProps {
    /** The child project's folder, relative to this project (`./apps/backend`). */
    source: string;
    /** What the child reads with `useAppContext()`; outputs of other resources (another app's) may be in it. */
    context?: unknown;
    /** Called while rendering once the child is deployed, with its outputs (every render after that). */
    onDeploy?: (outputs: Record<string, unknown>) => void;
    /** Called while rendering for each signal the child's deploy sent (`useSignal`), with its name and payload. */
    onSignal?: (name: string, payload: unknown) => void;
  }
  /** The child's outputs, as it declares them with `useAppOutputs`. */
  export interface CReactAppOutputs {
    [output: string]: unknown;
  }
  /** A nested creact app (type "app:App"); its handle's outputs are the child's outputs. */
  export const CReactApp: Construct<CReactAppProps, CReactAppOutputs>;

  /** In a child app: the context its parent passes down, or `defaultValue` when it runs on its own. */
  export function useAppContext<T>(defaultValue: T): T;
  export function useAppContext<T = unknown>(): T | undefined;
  /** In a child app: the outputs its parent sees on the CReactApp handle (they are also its stack outputs). */
  export function useAppOutputs(outputs: Record<string, unknown>): void;
  /** In a child app: a function that sends a named signal with a JSON payload to the parent's `onSignal` after the deploy. */
  export function useSignal(): (name: string, payload?: unknown) => void;
}
