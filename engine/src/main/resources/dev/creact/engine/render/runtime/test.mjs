// `creact/test`: tests of a user's infrastructure code, run by `creact test` in the same sandbox as the
// components. A test file (`*.test.tsx`) registers tests with `test(name, fn)` (grouped by `describe`),
// renders components with `render(App, options)` and checks what they declare with `expect(...)`.
// `testCycle(name, App)` registers a plan, deploy, plan-again check that creact runs against the mock
// provider and an in-memory backend. Everything here is synchronous, like components.
import { __creactRender } from "creact";

class TestFailure extends Error {
  constructor(message) {
    super(message);
    this.name = "TestFailure";
  }
}

// ---------------------------------------------------------------- registry

const tests = [];
const cycles = [];
const groups = [];

/** Registers a test; `fn` runs when `creact test` runs the file. */
export function test(name, fn) {
  if (typeof name !== "string" || typeof fn !== "function") {
    throw new TestFailure("test(name, fn) takes a name and a function");
  }
  tests.push({ name: groups.concat([name]).join(" › "), fn });
}

export const it = test;

/** Groups tests: their names are prefixed with the group's. */
export function describe(name, fn) {
  groups.push(String(name));
  try {
    fn();
  } finally {
    groups.pop();
  }
}

/**
 * Registers a deploy cycle check of `component` (which must be exported from the test file's modules or
 * defined in it): creact plans it against an empty in-memory stack, deploys the plan with the mock provider
 * (real local resources go to a scratch copy of the project), then plans again, which must find nothing to
 * do. Options: `{ expectResources: n }`.
 */
export function testCycle(name, component, options) {
  if (typeof component !== "function") {
    throw new TestFailure("testCycle(name, component) takes the root component to deploy");
  }
  cycles.push({ name: groups.concat([name]).join(" › "), component, options: options || {} });
}

/** For the runner: the components of the registered cycles, in registration order. */
export const __cycles = cycles;

// ---------------------------------------------------------------- rendering

/** What a render declared: the resources in declaration order, with their props, and the stack outputs. */
class Rendered {
  constructor(result) {
    this.resources = result.nodes.map((n) => ({ id: n.id, type: n.type, props: n.props, parent: n.parent || null }));
    this.stackOutputs = result.stackOutputs || {};
  }

  get ids() {
    return this.resources.map((r) => r.id);
  }

  /** The resource `id`; a failure that names the resources there are when it was not rendered. */
  resource(id) {
    const found = this.resources.find((r) => r.id === id);
    if (!found) {
      throw new TestFailure(`no resource '${id}' was rendered${suggest(id, this.ids)} (the resources are ${this.ids.join(", ") || "none"})`);
    }
    return found;
  }

  /** The resources of construct type `type` ("local:File"). */
  ofType(type) {
    return this.resources.filter((r) => r.type === type);
  }

  toJSON() {
    return { resources: this.resources, stackOutputs: this.stackOutputs };
  }
}

/**
 * Renders `component` as creact would for a deploy and returns what it declared. Options:
 * `state`: outputs of deployed resources by id (`{ "site.suffix": { hex: "a1b2" } }`), so components see
 * them as known; `context`: `[[Context, value], ...]` provided around the component; `props`: its props.
 */
export function render(component, options) {
  const o = options || {};
  if (typeof component !== "function") {
    throw new TestFailure(`render(component) takes a component function, got ${typeof component}`);
  }
  const input = JSON.stringify({ outputs: o.state || {}, state: o.componentState || {} });
  // The component is the root, as in a deploy, so its resources have the ids they have there.
  return new Rendered(JSON.parse(__creactRender(component, input,
    { props: o.props || {}, contexts: Array.isArray(o.context) ? o.context : [] })));
}

// ---------------------------------------------------------------- expectations

let currentSnapshots = null;

function show(value) {
  if (value === undefined) return "undefined";
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 200 ? s.slice(0, 200) + "…" : s;
  } catch (_e) {
    return String(value);
  }
}

function equal(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]));
}

function suggest(name, candidates) {
  let best = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? `; did you mean '${best}'?` : "";
}

function distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(cur[j - 1] + 1, prev[j] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

function matchers(actual, negated) {
  const check = (ok, message, negatedMessage) => {
    if (ok === negated) {
      throw new TestFailure(negated ? negatedMessage : message);
    }
  };
  const m = {
    toBe(expected) {
      check(Object.is(actual, expected), `expected ${show(expected)}, got ${show(actual)}`, `expected anything but ${show(expected)}`);
    },
    toEqual(expected) {
      check(equal(actual, expected), `expected ${show(expected)}, got ${show(actual)}`, `expected anything but ${show(expected)}`);
    },
    toBeTruthy() {
      check(!!actual, `expected a truthy value, got ${show(actual)}`, `expected a falsy value, got ${show(actual)}`);
    },
    toBeFalsy() {
      check(!actual, `expected a falsy value, got ${show(actual)}`, `expected a truthy value, got ${show(actual)}`);
    },
    toBeDefined() {
      check(actual !== undefined, "expected a value, got undefined", `expected undefined, got ${show(actual)}`);
    },
    toBeUndefined() {
      check(actual === undefined, `expected undefined, got ${show(actual)}`, "expected a value, got undefined");
    },
    toContain(item) {
      const has = typeof actual === "string" ? actual.includes(item) : Array.isArray(actual) && actual.some((x) => equal(x, item));
      check(has, `expected ${show(actual)} to contain ${show(item)}`, `expected ${show(actual)} not to contain ${show(item)}`);
    },
    toMatch(pattern) {
      const re = pattern instanceof RegExp ? pattern : new RegExp(String(pattern));
      check(typeof actual === "string" && re.test(actual), `expected ${show(actual)} to match ${re}`, `expected ${show(actual)} not to match ${re}`);
    },
    toHaveLength(n) {
      const length = actual == null ? undefined : actual.length;
      check(length === n, `expected length ${n}, got ${show(length)}`, `expected a length other than ${n}`);
    },
    toThrow(pattern) {
      let thrown = null;
      try {
        actual();
      } catch (e) {
        thrown = e;
      }
      const matches = thrown !== null && (pattern === undefined || String(thrown && thrown.message).match(pattern));
      check(!!matches, thrown === null ? "expected it to throw, and it did not" : `expected an error matching ${pattern}, got ${show(String(thrown.message))}`,
        `expected it not to throw, and it threw ${show(String(thrown && thrown.message))}`);
    },
    /** On a render: the resource `id` exists and has each of `props` (deep-equal); failures name the resource and prop. */
    toHaveResource(id, props) {
      const rendered = asRendered(actual, "toHaveResource");
      const found = rendered.resources.find((r) => r.id === id);
      if (negated) {
        check(found !== undefined, "", `expected no resource '${id}', but it was rendered`);
        return;
      }
      if (!found) {
        throw new TestFailure(`no resource '${id}' was rendered${suggest(id, rendered.ids)} (the resources are ${rendered.ids.join(", ") || "none"})`);
      }
      for (const [name, expected] of Object.entries(props || {})) {
        const got = found.props[name];
        if (!equal(got, expected)) {
          throw new TestFailure(`resource '${id}' prop '${name}': expected ${show(expected)}, got ${show(got)}`);
        }
      }
    },
    /** On a render: exactly `n` resources (of `type`, when given). */
    toHaveResources(n, type) {
      const rendered = asRendered(actual, "toHaveResources");
      const list = type ? rendered.ofType(type) : rendered.resources;
      check(list.length === n, `expected ${n} ${type ? type + " " : ""}resource${n === 1 ? "" : "s"}, got ${list.length} (${list.map((r) => r.id).join(", ")})`,
        `expected other than ${n} resources`);
    },
    /** Compares with the stored snapshot of this test (written by `creact test --update-snapshots`). */
    toMatchSnapshot(name) {
      if (currentSnapshots === null) {
        throw new TestFailure("toMatchSnapshot() works only inside a test");
      }
      const value = actual instanceof Rendered ? actual.toJSON() : actual;
      currentSnapshots.push({ name: name === undefined ? null : String(name), value: JSON.parse(JSON.stringify(value === undefined ? null : value)) });
    },
  };
  return m;
}

function asRendered(value, matcher) {
  if (!(value instanceof Rendered)) {
    throw new TestFailure(`${matcher} applies to what render() returned, not to ${show(value)}`);
  }
  return value;
}

/** `expect(value).toBe(…)`, `.not.toBe(…)`, and on a render `.toHaveResource(id, props)`, `.toMatchSnapshot()`. */
export function expect(actual) {
  const m = matchers(actual, false);
  m.not = matchers(actual, true);
  return m;
}

// ---------------------------------------------------------------- running

/** Runs every registered test; returns JSON for the host. */
export function __creactRunTests() {
  const results = [];
  for (const t of tests) {
    currentSnapshots = [];
    const start = Date.now();
    let error = null;
    try {
      const out = t.fn();
      if (out && typeof out.then === "function") {
        throw new TestFailure("a test must be synchronous: it returned a Promise");
      }
    } catch (e) {
      error = { message: e && e.message !== undefined ? String(e.message) : String(e), stack: e && e.stack ? String(e.stack) : "",
        code: e && e.code ? String(e.code) : null };
    }
    results.push({ name: t.name, ok: error === null, error, snapshots: currentSnapshots, durationMs: Date.now() - start });
    currentSnapshots = null;
  }
  return JSON.stringify({ tests: results, cycles: cycles.map((c, i) => ({ name: c.name, index: i, options: c.options })) });
}
