// `creact/mock`: a resource that exists only in creact's ledger, for tests and benchmarks.
import { defineConstruct } from "creact";

/**
 * Any props, echoed as outputs, plus `id`. `latencyMs` delays each call, `failTimes` fails that many
 * calls transiently before succeeding, `failPermanently` fails every call.
 */
export const MockResource = defineConstruct("mock:Resource", {
  props: {
    latencyMs: { type: "number", safe: true },
    failTimes: { type: "number", safe: true },
    failPermanently: { type: "boolean", safe: true },
  },
  outputs: ["id"],
  additionalProps: true,
});
