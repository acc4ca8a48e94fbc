// The hooks of nested apps, appended to the generated module (CReactApp is defined above it).
import { __creactAppContext, __creactSignal, __creactConstructHooks, useStackOutputs } from "creact";

// Outputs the app provider adds beside the child's own: not the child's outputs.
const RESERVED = new Set(["$signals", "$stack"]);

__creactConstructHooks(CReactApp, {
  callbacks: ["onDeploy", "onSignal"],
  afterDeclare(handle, callbacks, known) {
    for (const name of ["onDeploy", "onSignal"]) {
      if (callbacks[name] !== undefined && typeof callbacks[name] !== "function") {
        throw new Error(`CReactApp ${handle.id}: ${name} must be a function`);
      }
    }
    if (known === undefined) return; // not deployed yet: nothing to tell
    if (callbacks.onDeploy) {
      const outputs = {};
      for (const [k, v] of Object.entries(known)) if (!RESERVED.has(k)) outputs[k] = v;
      callbacks.onDeploy(outputs);
    }
    if (callbacks.onSignal && Array.isArray(known["$signals"])) {
      for (const s of known["$signals"]) callbacks.onSignal(s.name, s.payload);
    }
  },
});

/** In a child app: the context its parent passes down, or `defaultValue` when it runs on its own. */
export function useAppContext(defaultValue) {
  const given = __creactAppContext();
  return given === null ? defaultValue : given.value;
}

/** In a child app: the outputs the parent sees on its CReactApp handle (also the child's stack outputs). */
export function useAppOutputs(outputs) {
  useStackOutputs(outputs);
}

/** In a child app: sends a named signal with a JSON payload to the parent's onSignal after the deploy. */
export function useSignal() {
  return (name, payload) => __creactSignal(name, payload);
}
