// The `creact` module: elements, hooks and the renderer that turns a component tree into CloudDOM
// nodes. It runs inside the sandbox, once per evaluation, in a fresh context; the Java side calls
// __creactRender and reads back one JSON string (cheaper than walking polyglot values).

const ELEMENT = Symbol.for("creact.element");
const PROVIDER = Symbol.for("creact.provider");
const CONTEXT = Symbol.for("creact.context");
const CONSTRUCT = Symbol.for("creact.construct");
const REF = Symbol.for("creact.ref");

export const Fragment = Symbol.for("creact.fragment");

/** An error raised by creact itself about the user's code; `code` is stable, for tools and tests. */
class CreactError extends Error {
  constructor(code, message, extra) {
    super(message);
    this.name = "CreactError";
    this.code = code;
    if (extra) {
      if (extra.resourceId) this.resourceId = extra.resourceId;
      if (extra.hint) this.hint = extra.hint;
    }
  }
}

// ---------------------------------------------------------------- elements

function makeElement(type, props, key, source) {
  return { $$typeof: ELEMENT, type, props: props || {}, key: key == null ? null : String(key), source: source || null };
}

export function createElement(type, config, ...children) {
  const props = {};
  let key = null;
  if (config != null) {
    for (const k of Object.keys(config)) {
      if (k === "key") key = config[k];
      else if (k !== "__source" && k !== "__self") props[k] = config[k];
    }
  }
  if (children.length === 1) props.children = children[0];
  else if (children.length > 1) props.children = children;
  return makeElement(type, props, key, null);
}

export function jsx(type, props, key) {
  return makeElement(type, props, key, null);
}

export const jsxs = jsx;

export function jsxDEV(type, props, key, _isStatic, source) {
  return makeElement(type, props, key, source);
}

export function isValidElement(value) {
  return value != null && typeof value === "object" && value.$$typeof === ELEMENT;
}

// ---------------------------------------------------------------- constructs

const CONSTRUCT_TYPE = /^[a-z][a-z0-9-]*(:[A-Za-z][A-Za-z0-9_-]*)+$/;

/**
 * Declares a construct type (`aws:s3:Bucket`) with an optional schema:
 * { props: { name: { type: "string" | "number" | "boolean" | "object" | "array" | "any" (or "a|b"),
 *   required?, replaces?, safe?, sensitive? } }, outputs?: [name | { name, sensitive }],
 *   additionalProps?: boolean, additionalOutputs?: boolean, createBeforeDestroy?: boolean }.
 * With outputs listed (and additionalOutputs not set), reading any other output is an error at the read.
 * The result is used with useInstance(Construct, props) or as a JSX element <Construct ... />.
 */
export function defineConstruct(type, schema) {
  if (typeof type !== "string" || !CONSTRUCT_TYPE.test(type)) {
    throw new CreactError("invalid-construct-type",
      `defineConstruct: ${JSON.stringify(type)} is not a construct type; use a form such as "aws:s3:Bucket" (lower-case provider, then ':'-separated names)`);
  }
  const normalized = normalizeSchema(type, schema);
  const name = kebab(type.slice(type.lastIndexOf(":") + 1));
  const construct = function Construct() {
    throw new CreactError("construct-called",
      `${type} is a construct, not a function: declare it with useInstance(${name}, props) or as an element`);
  };
  Object.defineProperty(construct, "name", { value: type });
  construct[CONSTRUCT] = { type, name, schema: normalized };
  constructRegistry[type] = normalized;
  return Object.freeze(construct);
}

function normalizeSchema(type, schema) {
  const s = schema == null ? {} : schema;
  if (typeof s !== "object") {
    throw new CreactError("invalid-schema", `defineConstruct(${JSON.stringify(type)}): the schema must be an object`);
  }
  const props = {};
  for (const [k, v] of Object.entries(s.props || {})) {
    const spec = typeof v === "string" ? { type: v } : v || {};
    props[k] = {
      type: spec.type || "any",
      required: !!spec.required,
      replaces: !!spec.replaces,
      safe: spec.safe === undefined ? null : !!spec.safe,
      sensitive: !!spec.sensitive,
      exclusive: !!spec.exclusive,
    };
  }
  // Outputs are names, or { name, sensitive } for outputs whose values are secret.
  const outputs = [];
  const sensitiveOutputs = Array.isArray(s.sensitiveOutputs) ? s.sensitiveOutputs.map(String) : [];
  for (const o of Array.isArray(s.outputs) ? s.outputs : []) {
    if (o !== null && typeof o === "object") {
      outputs.push(String(o.name));
      if (o.sensitive) sensitiveOutputs.push(String(o.name));
    } else {
      outputs.push(String(o));
    }
  }
  return {
    props,
    outputs,
    sensitiveOutputs,
    additionalProps: s.additionalProps === undefined ? true : !!s.additionalProps,
    additionalOutputs: !!s.additionalOutputs,
    createBeforeDestroy: !!s.createBeforeDestroy,
  };
}

// Every construct type defined in this evaluation, sent back with the render so Java can validate.
const constructRegistry = {};

function constructInfo(construct) {
  if (construct != null && (typeof construct === "function" || typeof construct === "object") && construct[CONSTRUCT]) {
    return construct[CONSTRUCT];
  }
  if (typeof construct === "string") {
    return { type: construct, name: kebab(construct.slice(construct.lastIndexOf(":") + 1)), schema: null };
  }
  throw new CreactError("not-a-construct",
    `useInstance expects a construct (from defineConstruct or a module such as creact/local), got ${describe(construct)}`);
}

// ---------------------------------------------------------------- context

let nextContextId = 1;

export function createContext(defaultValue) {
  const context = { $$typeof: CONTEXT, id: nextContextId++, defaultValue };
  context.Provider = { $$typeof: PROVIDER, context };
  context.Provider.toString = () => "Context.Provider";
  return context;
}

export function useContext(context) {
  requireFrame("useContext");
  if (context == null || context.$$typeof !== CONTEXT) {
    throw new CreactError("not-a-context", `useContext expects a value from createContext(), got ${describe(context)}`);
  }
  const stack = session.contextStacks.get(context);
  return stack && stack.length > 0 ? stack[stack.length - 1] : context.defaultValue;
}

// ---------------------------------------------------------------- hooks

let session = null; // the render in progress
let frame = null;   // the component whose body is running

function requireFrame(hook) {
  if (frame === null) {
    throw new CreactError("hook-outside-component",
      `${hook} was called outside a component`,
      { hint: "hooks work only while creact renders a component: call them at the top level of a function component" });
  }
  return frame;
}

// `site` is given by the transpiler's call-site pass (engine/…/js/CallSites.java): the call's position in the
// original file, so no stack trace is built for it. Calls the pass does not see (the hook passed around as a
// value, creact's own wrappers) come without one and are located through the stack.
export function useInstance(construct, props, site) {
  const f = requireFrame("useInstance");
  return declare(f, constructInfo(construct), props, isSite(site) ? site : callerSite());
}

function isSite(site) {
  return site !== null && typeof site === "object" && site.mapped === true && typeof site.line === "number";
}

export function useState(initial) {
  const f = requireFrame("useState");
  const index = f.stateIndex++;
  const path = f.componentPath;
  if (index === 0) {
    if (session.statePaths.has(path)) {
      throw new CreactError("duplicate-component-path",
        `two components share the path '${path || "<root>"}', so their useState values would collide`,
        { hint: "give sibling components of the same kind distinct `key` props" });
    }
    session.statePaths.add(path);
  }
  const previous = session.previousState[path];
  let value;
  if (Array.isArray(previous) && index < previous.length && previous[index] !== undefined) {
    value = previous[index];
  } else {
    value = typeof initial === "function" ? initial() : initial;
  }
  const slots = session.stateOut[path] || (session.stateOut[path] = []);
  slots[index] = value === undefined ? null : value;
  const setState = (next) => {
    const v = typeof next === "function" ? next(slots[index]) : next;
    slots[index] = v === undefined ? null : v;
  };
  return [value, setState];
}

/**
 * Declares outputs of the stack (`creact output` shows them; a parent app or state sync reads them):
 * `useStackOutputs({ url: api.outputs.url })`. Values may be outputs of resources, filled in once they
 * are deployed. Several calls merge; a name declared twice is an error.
 */
export function useStackOutputs(outputs) {
  requireFrame("useStackOutputs");
  if (outputs === null || typeof outputs !== "object" || Array.isArray(outputs)) {
    throw new CreactError("invalid-stack-outputs", `useStackOutputs expects an object of named outputs, got ${describe(outputs)}`);
  }
  for (const name of Object.keys(outputs)) {
    if (Object.prototype.hasOwnProperty.call(session.stackOutputs, name)) {
      throw new CreactError("duplicate-stack-output", `the stack output '${name}' is declared twice`,
        { hint: "give each stack output its own name" });
    }
    session.stackOutputs[name] = outputs[name];
  }
}

/**
 * Nested apps (used by creact/app): whether a parent app passed a context down, and its value.
 */
export function __creactAppContext() {
  requireFrame("useAppContext");
  return session.appContext;
}

/**
 * Nested apps (used by creact/app's useSignal): a named signal with a JSON payload for the parent's
 * onSignal. It travels with the stack outputs (under "$signals", so references in the payload are filled
 * in by the deploy) and reaches the parent once the child's deploy is done.
 */
export function __creactSignal(name, payload) {
  if (session === null) {
    throw new CreactError("signal-outside-render", "a signal can only be sent while creact renders the app",
      { hint: "call the function useSignal() returns in a component body" });
  }
  if (typeof name !== "string" || name === "") {
    throw new CreactError("invalid-signal", `a signal needs a name (a non-empty string), got ${describe(name)}`);
  }
  const list = session.stackOutputs["$signals"] || (session.stackOutputs["$signals"] = []);
  list.push({ name, payload: payload === undefined ? null : payload });
}

/** Gives a construct hooks: function props it takes out of the props, and what runs once it is declared. */
export function __creactConstructHooks(construct, hooks) {
  construct[CONSTRUCT].hooks = { callbacks: hooks.callbacks || [], afterDeclare: hooks.afterDeclare };
}

export function useEffect(effect, deps) {
  const f = requireFrame("useEffect");
  if (typeof effect !== "function") {
    throw new CreactError("invalid-effect", `useEffect expects a function, got ${describe(effect)}`);
  }
  const index = f.effectIndex++;
  session.effects.push({ component: f.componentPath, index, deps: deps === undefined ? null : deps });
  session.effectFns.push(effect);
}

// ---------------------------------------------------------------- outputs and references

// Properties a reference answers itself; anything else asked of an output that is not known yet is a
// mistake (a string method, a field of an object), reported where the code asked.
const REF_OWN = new Set(["resourceId", "output", "toString", "toJSON", "valueOf", "constructor", "then"]);

function makeRef(id, output) {
  const token = "${ref:" + id + "#" + output + "}";
  const ref = {
    resourceId: id,
    output,
    toString() { return token; },
    toJSON() { return token; },
    valueOf() { return token; },
    [Symbol.toPrimitive]() { return token; },
  };
  ref[REF] = true;
  Object.freeze(ref);
  return new Proxy(ref, {
    get(target, name) {
      if (typeof name === "symbol" || REF_OWN.has(name)) {
        return name === "then" ? undefined : target[name];
      }
      throw new CreactError("output-not-known",
        `${id}.outputs.${output} is not known until ${id} is deployed, so it has no '${String(name)}'`,
        { resourceId: id, hint: `check with isKnown(${id.split(".").pop()}.outputs.${output}) first, or use the output `
            + "as a whole (in a template string or as a prop): creact fills in its value when the resource is deployed" });
    },
  });
}

/**
 * A reference to the stack secret `name` ({ $secret: name }), for a prop. The value is never in the
 * render: creact reads it from the stack's encrypted store just before the provider call.
 */
export function secret(name) {
  if (typeof name !== "string" || !/^[A-Z0-9_]+$/.test(name)) {
    throw new CreactError("invalid-secret-name",
      `secret(${JSON.stringify(name)}): a secret name is upper-case letters, digits and '_', for example secret("API_KEY")`);
  }
  return Object.freeze({ $secret: name });
}

/**
 * Whether a value is known now: false for an output of a resource not deployed yet (or a string that
 * embeds one), true for everything else. The way to write "only once the database exists" logic.
 */
export function isKnown(value) {
  if (value !== null && typeof value === "object" && value[REF] === true) return false;
  if (typeof value === "string" && value.includes("${ref:")) return false;
  return true;
}

/** Says which outputs exist when the construct lists them, and suggests the nearest. */
function checkOutput(id, info, name) {
  const schema = info && info.schema;
  if (!schema || schema.additionalOutputs || !Array.isArray(schema.outputs) || schema.outputs.length === 0) return;
  if (schema.outputs.includes(name)) return;
  const near = nearest(name, schema.outputs);
  throw new CreactError("unknown-output",
    `${id}.outputs.${name}: ${info.type} has no output '${name}'${near ? `; did you mean '${near}'?` : ""} (its outputs are ${schema.outputs.join(", ")})`,
    { resourceId: id, hint: `read one of ${info.type}'s outputs: ${schema.outputs.join(", ")}` });
}

function nearest(name, candidates) {
  let best = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

function editDistance(a, b) {
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

function makeHandle(id, info) {
  const known = session.previousOutputs[id];
  const outputs = new Proxy(Object.freeze({}), {
    get(_target, name) {
      if (typeof name !== "string" || name === "toJSON" || name === "then") return undefined;
      session.outputsRead = true;
      checkOutput(id, info, name);
      if (known && Object.prototype.hasOwnProperty.call(known, name)) {
        const value = known[name];
        noteRead(id, value);
        return value;
      }
      return makeRef(id, name);
    },
  });
  return { id, outputs, deployed: known !== undefined, toString() { return id; }, toJSON() { return id; } };
}

// ---------------------------------------------------------------- dependencies through known outputs
//
// A known output reads as its plain value, so no reference token marks the edge in the props. The
// runtime remembers which handles' known outputs each component read, with the values read, and gives a
// resource an edge to a handle whose value its props contain (as a whole value or within a string) when
// the read was (a) one of its component's last RECENT_READS reads, or (b) made by its component's
// ancestors before the component rendered (values flow down as props); and to a handle read anywhere in
// its component whose value a prop holds exactly (a value kept in a variable). Construct elements are
// declared after their component returned, so all of its reads are candidates. An output
// whose value is an object or an array counts without the check. Edges only ever point at resources
// declared earlier (a handle exists only once declared), so they cannot form a cycle. A value that is
// transformed before use (sliced, upper-cased) is not seen here; the edge recorded in the state when both
// were first deployed still holds it.

const NO_READS = [];
/** How many of a component's latest reads a useInstance looks at (a bound on the work per declaration). */
const RECENT_READS = 32;

function noteRead(id, value) {
  const f = frame;
  if (f === null) return;
  // The needle is worked out once per read, not once per resource that looks at the read.
  const read = { id, value, needle: searchable(value) };
  if (f.pending === NO_READS) f.pending = [];
  f.pending.push(read);
  if (f.pending.length > 2 * RECENT_READS) f.pending = f.pending.slice(-RECENT_READS);
  if (f.allReads === NO_READS) f.allReads = [];
  f.allReads.push(read);
  if ((typeof value === "string" && value.length > 0) || typeof value === "number") {
    if (f.seen === null) f.seen = new Map();
    const k = String(value);
    const ids = f.seen.get(k);
    if (ids === undefined) f.seen.set(k, [id]);
    else if (!ids.includes(id)) ids.push(id);
  }
}

function inheritedReads(parentFrame) {
  if (parentFrame === null) return NO_READS;
  const a = parentFrame.inherited;
  const b = parentFrame.allReads;
  if (b.length === 0) return a;
  if (a.length === 0) return b; // the parent's body has returned: its reads are final
  return a.concat(b);
}

/** How a read value looks inside the JSON of props: a string without its quotes, anything else as JSON. */
function searchable(value) {
  if (typeof value === "string") {
    const json = JSON.stringify(value);
    return json.length > 2 ? json.slice(1, -1) : null;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined; // an object or array: counted without looking
}

function readsOf(f, props, element) {
  const state = { out: null, json: null };
  searchReads(f.inherited, 0, props, state);
  const own = element ? f.allReads : f.pending;
  searchReads(own, element || own.length <= RECENT_READS ? 0 : own.length - RECENT_READS, props, state);
  if (!element && f.seen !== null) matchSeen(props, f.seen, state, 0);
  return state.out === null ? null : Array.from(state.out);
}

/**
 * Adds to state.out the ids of the reads from list[from] on whose value the props' JSON contains (the
 * JSON is made once per resource, on the first read that needs it).
 */
function searchReads(list, from, props, state) {
  for (let i = from; i < list.length; i++) {
    const read = list[i];
    const needle = read.needle;
    if (needle === null) continue;
    const out = state.out;
    if (out !== null && out.has(read.id)) continue;
    if (needle !== undefined) {
      if (state.json === null) state.json = JSON.stringify(props) || "";
      if (!state.json.includes(needle)) continue;
    }
    if (out === null) state.out = new Set([read.id]);
    else out.add(read.id);
  }
}

// Tests only (ReadTrackingEquivalenceTest): called after each declaration with what its reads were worked out
// from and the result, so that a test can hold them against another implementation of readsOf.
let readsCheck = null;

export function __creactCheckReads(check) {
  readsCheck = typeof check === "function" ? check : null;
}

function matchSeen(value, seen, state, depth) {
  if (value === null || value === undefined || depth > 8) return;
  if (typeof value === "string" || typeof value === "number") {
    const ids = seen.get(String(value));
    if (ids === undefined) return;
    if (state.out === null) state.out = new Set();
    for (const id of ids) state.out.add(id);
  } else if (typeof value === "object" && value[REF] !== true) {
    for (const k of Object.keys(value)) matchSeen(value[k], seen, state, depth + 1);
  }
}

// ---------------------------------------------------------------- rendering

function declare(f, info, props, source, element) {
  if (props != null && (typeof props !== "object" || Array.isArray(props))) {
    throw new CreactError("invalid-props", `props of ${info.type} must be an object, got ${describe(props)}`);
  }
  const given = props || {};
  const rest = {};
  let key = null;
  for (const k of Object.keys(given)) {
    if (k === "key") key = given[k];
    else if (k !== "children") rest[k] = given[k];
  }
  let local;
  if (key != null) {
    local = kebab(String(key));
  } else {
    const n = f.localCounts.get(info.name) || 0;
    f.localCounts.set(info.name, n + 1);
    local = n === 0 ? info.name : `${info.name}-${n}`;
  }
  const id = f.path.length === 0 ? local : f.path.join(".") + "." + local;
  // A construct with hooks (creact/app's CReactApp) takes function props (onDeploy, onSignal): they are
  // not saved as props but called once the resource's outputs are known.
  const hooks = info.hooks;
  let callbacks = null;
  if (hooks !== undefined) {
    callbacks = {};
    for (const c of hooks.callbacks) {
      if (Object.prototype.hasOwnProperty.call(rest, c)) {
        callbacks[c] = rest[c];
        delete rest[c];
      }
    }
  }
  if (f.components === undefined) f.components = componentNames();
  const reads = readsOf(f, rest, element === true);
  if (readsCheck !== null) readsCheck({ inherited: f.inherited, pending: f.pending, allReads: f.allReads, seen: f.seen }, rest, element === true, reads);
  session.nodes.push({ id, path: f.path, type: info.type, props: rest, parent: f.parentId, source, components: f.components, reads });
  if (f.firstNodeId === null) f.firstNodeId = id;
  const handle = makeHandle(id, info);
  if (hooks !== undefined) hooks.afterDeclare(handle, callbacks, session.previousOutputs[id]);
  return handle;
}

function componentNames() {
  return session.componentStack.map((c) => c.name);
}

// The first stack frame outside creact's own modules: where the user called the hook. Positions are
// in transpiled code; the Java side maps them back through the module's source map.
const FRAME = /\(?((?:file:\/\/)?\/[^():]*(?::[^():\d][^():]*)*):(\d+):(\d+)\)?\s*$/;
const RUNTIME_FRAME = "(/__creact__/";
const RUNTIME_FRAME_ANONYMOUS = "at /__creact__/";

function callerSite() {
  // Only the few innermost frames are needed: callerSite, useInstance and the user's call, so three frames
  // are captured (each one costs its formatting); a call through a wrapper in one of creact's modules looks
  // one frame further, as far as the four frames the runtime has always looked at. The stack is captured
  // here, not in a helper, so that the frames counted are these.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 3;
  const near = new Error().stack;
  Error.stackTraceLimit = limit;
  const site = firstUserFrame(near);
  if (site !== null) return site;
  Error.stackTraceLimit = 4;
  const wider = new Error().stack;
  Error.stackTraceLimit = limit;
  return firstUserFrame(wider);
}

function firstUserFrame(raw) {
  const stack = String(raw || "").split("\n");
  for (let i = 1; i < stack.length; i++) {
    // creact's own frames (callerSite, useInstance, a builtin module's wrapper) are skipped before the
    // regular expression runs: matching it was most of this function's cost, once per resource.
    if (isRuntimeFrame(stack[i])) continue;
    const m = FRAME.exec(stack[i]);
    if (!m || m[1].startsWith("/__creact__/")) continue;
    return { file: m[1], line: Number(m[2]), column: Number(m[3]), mapped: false };
  }
  return null;
}

/** Whether a stack line is a frame of creact's own modules ("at fn (/__creact__/…)" or "at /__creact__/…"). */
function isRuntimeFrame(line) {
  return line.includes(RUNTIME_FRAME) || line.trimStart().startsWith(RUNTIME_FRAME_ANONYMOUS);
}

function describe(value) {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "function") return `the function ${value.name || "(anonymous)"}`;
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    if (value instanceof Promise) return "a Promise (components cannot be async)";
    return "an object";
  }
  return `${typeof value} ${String(value)}`;
}

const kebabCache = new Map();

function kebab(text) {
  const key = String(text);
  let out = kebabCache.get(key);
  if (out === undefined) {
    out = kebabUncached(key);
    kebabCache.set(key, out);
  }
  return out;
}

function kebabUncached(text) {
  return String(text)
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase() || "x";
}

function componentName(type) {
  return type.displayName || type.name || "Anonymous";
}

function renderChild(node, scope) {
  if (node === null || node === undefined || typeof node === "boolean") return;
  if (Array.isArray(node)) {
    for (const child of node) renderChild(child, scope);
    return;
  }
  if (typeof node === "string" || typeof node === "number") {
    if (typeof node === "string" && node.trim() === "") return;
    throw new CreactError("text-in-tree",
      `${owner()} renders the text ${JSON.stringify(String(node))}; a creact tree holds components and constructs, not text`);
  }
  if (typeof node !== "object" || node.$$typeof !== ELEMENT) {
    throw new CreactError("not-an-element",
      `${owner()} returned ${describe(node)}; a component must return an element, an array of elements, or null`);
  }
  const type = node.type;
  if (type === Fragment) {
    renderChild(node.props.children, scope);
  } else if (type != null && typeof type === "object" && type.$$typeof === PROVIDER) {
    const stacks = session.contextStacks;
    if (!stacks.has(type.context)) stacks.set(type.context, []);
    const stack = stacks.get(type.context);
    stack.push(node.props.value);
    try {
      renderChild(node.props.children, scope);
    } finally {
      stack.pop();
    }
  } else if (type != null && (typeof type === "function" || typeof type === "object") && type[CONSTRUCT]) {
    const f = scope.frame;
    const props = node.key != null ? { ...node.props, key: node.key } : node.props;
    const source = node.source ? { file: String(node.source.fileName), line: node.source.lineNumber, column: node.source.columnNumber, mapped: true } : null;
    const handle = declare(f, type[CONSTRUCT], props, source, true);
    if (node.props.children !== undefined) {
      // Elements nested in a construct element render under that resource.
      const childFrame = Object.assign(Object.create(null), f, { parentId: handle.id, firstNodeId: handle.id });
      renderChild(node.props.children, { frame: childFrame });
    }
  } else if (typeof type === "function") {
    renderComponent(type, node, scope);
  } else if (typeof type === "string") {
    throw new CreactError("intrinsic-element",
      `<${type}> is not a creact component: elements such as <div> have no meaning in infrastructure; use a component function or a construct`);
  } else {
    throw new CreactError("not-an-element", `${owner()} rendered an element whose type is ${describe(type)}`);
  }
}

function owner() {
  const top = session.componentStack[session.componentStack.length - 1];
  return top ? `component ${top.name}` : "the root";
}

function renderComponent(type, node, scope) {
  const name = componentName(type);
  const parentFrame = scope.frame;
  const path = parentFrame === null ? [] : parentFrame.path.concat([kebab(node.key != null ? node.key : name)]);
  const f = {
    name,
    path,
    componentPath: path.join("."),
    parentId: parentFrame === null ? null : parentFrame.currentParentId(),
    stateIndex: 0,
    effectIndex: 0,
    localCounts: new Map(),
    firstNodeId: null,
    pending: NO_READS,
    allReads: NO_READS,
    seen: null,
    inherited: inheritedReads(parentFrame),
    currentParentId() { return this.firstNodeId !== null ? this.firstNodeId : this.parentId; },
  };
  const where = node.source ? ` (${shortFile(node.source.fileName)}:${node.source.lineNumber}:${node.source.columnNumber})` : "";
  session.componentStack.push({ name, where, fn: type });
  if (session.componentStack.length > 2000) {
    throw new CreactError("render-too-deep", `the component tree is more than 2000 levels deep at ${name}; is a component rendering itself?`);
  }
  try {
    const previous = frame;
    frame = f;
    let out;
    try {
      out = type(node.props);
    } finally {
      frame = previous;
    }
    if (out != null && typeof out === "object" && typeof out.then === "function") {
      throw new CreactError("async-component", `component ${name} returned a Promise; components must render synchronously`);
    }
    renderChild(out, { frame: f });
  } catch (e) {
    // The stack is left as it is on failure: the render is over, and a host that stopped the
    // evaluation reads it to say which component was running.
    attachComponentStack(e);
    throw e;
  }
  session.componentStack.pop();
}

function shortFile(fileName) {
  const s = String(fileName);
  return s.startsWith("file://") ? s.slice(7) : s;
}

function attachComponentStack(e) {
  if (e === null || typeof e !== "object" || Object.prototype.hasOwnProperty.call(e, "creactComponentStack")) return;
  const stack = session.componentStack.slice().reverse().map((c) => `${c.name}${c.where}`);
  try {
    Object.defineProperty(e, "creactComponentStack", { value: stack, enumerable: false });
  } catch (_ignored) {
    // frozen error objects keep no component stack
  }
}

function rejectFunctions(key, value) {
  if (typeof value === "function") {
    throw new CreactError("invalid-prop-value", `prop '${key}' is a function; props must be JSON values`);
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

function serializeProps(node) {
  try {
    return JSON.parse(JSON.stringify(node.props, function (key, value) {
      if (typeof value === "function") {
        throw new CreactError("invalid-prop-value",
          `prop '${key}' is a function; props must be JSON values (strings, numbers, booleans, arrays, objects)`,
          { resourceId: node.id });
      }
      if (typeof value === "bigint") return value.toString();
      if (typeof value === "symbol") return undefined;
      return value;
    }));
  } catch (e) {
    if (e instanceof CreactError) throw e;
    throw new CreactError("invalid-prop-value", `props cannot be saved: ${e.message}`, { resourceId: node.id });
  }
}

/**
 * Runs the effects of the last render whose deps changed since they last ran (or that have no deps),
 * after a deploy. `previousJson` maps "componentPath#index" to the deps they last ran with. Returns JSON:
 * { ran: [keys], deps: { key: deps }, state } — state includes what effects set with useState.
 */
export function __creactRunEffects(previousJson) {
  const previous = previousJson ? JSON.parse(previousJson) : {};
  const ran = [];
  const deps = {};
  session.effects.forEach((e, i) => {
    const key = `${e.component}#${e.index}`;
    const now = e.deps === null ? null : JSON.stringify(e.deps);
    deps[key] = e.deps;
    if (now !== null && Object.prototype.hasOwnProperty.call(previous, key) && JSON.stringify(previous[key]) === now) {
      return;
    }
    ran.push(key);
    frame = null;
    session.effectFns[i]();
  });
  return JSON.stringify({ ran, deps, state: session.stateOut });
}

/** The component functions being rendered, outermost first (read by the host when it stops an evaluation). */
export function __creactRunningComponents() {
  return session ? session.componentStack.map((c) => c.fn) : [];
}

/**
 * Renders the root component. `input` is JSON: { outputs: { id: {...} }, state: { componentPath: [...] } };
 * `extras` (tests only): { props, contexts: [[Context, value], ...] } for the root.
 * Returns JSON: { nodes, state, effects, constructs }.
 */
export function __creactRender(root, input, extras) {
  const previous = input ? JSON.parse(input) : {};
  session = {
    previousOutputs: previous.outputs || {},
    previousState: previous.state || {},
    nodes: [],
    stateOut: {},
    statePaths: new Set(),
    effects: [],
    effectFns: [],
    contextStacks: new Map(),
    componentStack: [],
    outputsRead: false,
    stackOutputs: {},
    appContext: Object.prototype.hasOwnProperty.call(previous, "appContext") ? { value: previous.appContext } : null,
  };
  frame = null;
  if (typeof root !== "function") {
    throw new CreactError("no-root-component",
      `the entry module must \`export default\` a component function, but its default export is ${describe(root)}`);
  }
  // Tests (creact/test) render a component as the root with props and context values of their choosing.
  if (extras && Array.isArray(extras.contexts)) {
    for (const [context, value] of extras.contexts) {
      if (context == null || context.$$typeof !== CONTEXT) {
        throw new CreactError("not-a-context", `render: a context entry must be [Context, value], got ${describe(context)}`);
      }
      session.contextStacks.set(context, [value]);
    }
  }
  renderComponent(root, makeElement(root, (extras && extras.props) || {}, null, null), { frame: null });
  const nodes = session.nodes.map((n) => ({ id: n.id, path: n.path, type: n.type, parent: n.parent, source: n.source, components: n.components, props: n.props, reads: n.reads }));
  try {
    return JSON.stringify({ nodes, state: session.stateOut, effects: session.effects, constructs: constructRegistry,
      outputsRead: session.outputsRead, stackOutputs: session.stackOutputs }, rejectFunctions);
  } catch (e) {
    // Say which resource and prop could not be saved (the slow path runs only when something is wrong).
    for (const n of session.nodes) serializeProps(n);
    throw e;
  }
}
