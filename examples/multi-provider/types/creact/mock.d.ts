// Type declarations for `creact/mock`: MockResource, a resource that exists only in creact's ledger,
// for tests and benchmarks.

declare module "creact/mock" {
  import type { Construct } from "creact";

  export interface MockResourceProps {
    /** Delays each call by this many milliseconds. */
    latencyMs?: number;
    /** Fails this many calls transiently before succeeding. */
    failTimes?: number;
    /** Fails every call. */
    failPermanently?: boolean;
    /** Any other props, echoed as outputs. */
    [prop: string]: unknown;
  }
  export interface MockResourceOutputs {
    id: string;
    /** The props, echoed. */
    [prop: string]: unknown;
  }
  /** Any props, echoed as outputs, plus `id` (type "mock:Resource"). */
  export const MockResource: Construct<MockResourceProps, MockResourceOutputs>;
}
