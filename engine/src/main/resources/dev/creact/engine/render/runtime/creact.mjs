// The `creact` module: elements, hooks and the renderer that turns a component tree into CloudDOM
// nodes. It runs inside the sandbox, once per evaluation, in a fresh context; the Java side calls
// __creactRender and reads back one JSON string (cheaper than walking polyglot values).

const ELEMENT = Symbol.for("creact.element");
const PROVIDER = Symbol.for("creact.provider");
const CONTEXT = Symbol.for("creact.context");
const CONSTRUCT = Symbol.for("creact.construct");
const REF = Symbol.for("creact.ref");
const HANDLE = Symbol.for("creact.handle");

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
  if (session !== null) memoPoison();
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
  const context = { $$typeof: CONTEXT, id: nextContextId++, defaultValue, memoKey: contextKey() };
  contextsByKey.set(context.memoKey, context);
  context.Provider = { $$typeof: PROVIDER, context };
  context.Provider.toString = () => "Context.Provider";
  return context;
}

export function useContext(context) {
  requireFrame("useContext");
  if (context == null || context.$$typeof !== CONTEXT) {
    throw new CreactError("not-a-context", `useContext expects a value from createContext(), got ${describe(context)}`);
  }
  const top = contextTop(context);
  const value = top === null ? context.defaultValue : top.value;
  return session.recorders.length === 0 ? value : memoContextRead(context, top === null ? -1 : top.seq, value);
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
    for (const r of session.recorders) r.statePaths.push(path);
  }
  if (session.recorders.length > 0) session.recorders[session.recorders.length - 1].st.add(path);
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
  memoPoison();
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
  memoPoison();
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
  memoPoison();
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
  memoPoison();
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

function makeHandle(id, info, at) {
  return new Handle(id, info, session.previousOutputs[id], at === undefined ? session.nodeCount - 1 : at);
}

/**
 * What useInstance returns: the resource's id, its outputs (made when first read: most handles are only passed
 * on, and a Proxy per declared resource was a measurable part of a render), whether it is deployed.
 */
class Handle {
  constructor(id, info, known, at) {
    this.id = id;
    this[HANDLE] = { info, known, at, outputs: null };
  }

  get outputs() {
    const h = this[HANDLE];
    if (h.outputs === null) h.outputs = makeOutputs(this.id, h.info, h.known, h.at);
    return h.outputs;
  }

  get deployed() {
    const h = this[HANDLE];
    memoTouchOutput(this.id, h.at);
    return h.known !== undefined;
  }

  toString() {
    return this.id;
  }

  toJSON() {
    return this.id;
  }
}

/** A read of a resource's outputs, for the recording instance: unless it declared the resource, an input it must check. */
function memoTouchOutput(id, at) {
  if (session === null) return;
  const r = session.recorders[session.recorders.length - 1];
  if (r !== undefined && at < r.from) r.outs.add(id);
}

function makeOutputs(id, info, known, at) {
  return new Proxy(Object.freeze({}), {
    get(_target, name) {
      if (typeof name !== "string" || name === "toJSON" || name === "then") return undefined;
      session.outputsRead = true;
      if (session.recorders.length > 0) {
        memoTouchOutput(id, at);
        for (const r of session.recorders) r.outputsRead = true;
      }
      checkOutput(id, info, name);
      if (known && Object.prototype.hasOwnProperty.call(known, name)) {
        const value = known[name];
        noteRead(id, value);
        return value;
      }
      return makeRef(id, name);
    },
  });
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
//
// The search of the props' JSON for the values read is done by the host (ReadSearch), on the JSON of the
// render's result, where it costs a fraction of what a loop over the reads costs here: the runtime keeps a log
// of the reads (id and needle), the candidates of each component frame (its inherited reads and its own, as
// positions in that log) and, per resource, which of its frame's own reads are candidates. Only the walk for a
// prop equal to a read value stays here, and it runs only when the search cannot stand for it (see readsOf).

const NO_READS = [];
/** How many of a component's latest reads a useInstance looks at (a bound on the work per declaration). */
const RECENT_READS = 32;

function noteRead(id, value) {
  const f = frame;
  if (f === null) return;
  // The needle is worked out once per read, not once per resource that looks at the read.
  const needle = searchable(value);
  const read = { id, value, needle, at: -1 };
  if (needle !== null) {
    read.at = session.readLog.length >> 1;
    session.readLog.push(id, needle === undefined ? 1 : needle);
  }
  if (f.allReads === NO_READS) f.allReads = [];
  f.allReads.push(read);
  if ((typeof value === "string" && value.length > 0) || typeof value === "number") {
    if (f.seen === null) f.seen = new Map();
    if (value === "NaN" || value === "Infinity" || value === "-Infinity") f.seenNonFinite = true;
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

/**
 * What the host needs to work out a resource's reads: { window: [frame, from, to] } (its frame's inherited reads,
 * then the frame's own reads from..to, are searched for in its props' JSON), and { seen: [ids] } (ids of reads
 * whose value a prop equals, found by the walk), each only when there is something; null when nothing can match.
 */
function readsOf(f, props, element) {
  const to = f.allReads.length;
  if (f.inherited.length === 0 && to === 0) return null;
  if (f.readFrame === -1) {
    f.readFrame = session.readFrames.length;
    session.readFrames.push(f);
  }
  const out = { window: [f.readFrame, element || to <= RECENT_READS ? 0 : to - RECENT_READS, to], seen: null };
  // The walk looks for a prop equal to a value read anywhere in the component. While the component has made no
  // more reads than the window holds, every such value is searched for, and a prop equal to it puts its needle
  // in the props' JSON, so the walk could only add ids the search finds anyway; it is skipped (it was a sixth
  // of a keystroke at 1,000 resources). The exception is a string read "NaN" or "Infinity": a prop equal to it
  // as a number is null in JSON.
  if (!element && f.seen !== null && (to > RECENT_READS || f.seenNonFinite)) {
    const state = { out: null };
    matchSeen(props, f.seen, state, 0);
    if (state.out !== null) out.seen = Array.from(state.out);
  }
  return out;
}

/** The reads part of the render's result: the log (id, needle; needle 1 for an object or array) and each frame's candidates. */
function readsResult() {
  const lists = new Map();
  const inherited = [];
  const listOf = (reads) => {
    let i = lists.get(reads);
    if (i === undefined) {
      i = inherited.length;
      lists.set(reads, i);
      inherited.push(reads.map((r) => r.at));
    }
    return i;
  };
  const frames = session.readFrames.map((f) => [listOf(f.inherited), f.allReads.map((r) => r.at)]);
  return { log: session.readLog, inherited, frames };
}

// Tests only (ReadTrackingEquivalenceTest): called at each declaration with what its reads are worked out from, so
// that a test can hold the host's reads of each resource against another implementation.
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
  if (hooks !== undefined) memoPoison();
  if (f.components === undefined) f.components = componentNames();
  const reads = readsOf(f, rest, element === true);
  if (readsCheck !== null) readsCheck({ inherited: f.inherited, pending: f.allReads, allReads: f.allReads, seen: f.seen }, rest, element === true);
  const node = { id, path: f.path, type: info.type, props: rest, parent: f.parentId, source, components: f.components };
  if (reads !== null) {
    node.rw = reads.window;
    if (reads.seen !== null) node.rs = reads.seen;
  }
  session.nodes.push(node);
  session.nodeCount++;
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
    stack.push({ value: node.props.value, seq: session.providerSeq++ });
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
  const componentPath = path.join(".");
  const parentId = parentFrame === null ? null : parentFrame.currentParentId();
  const inherited = inheritedReads(parentFrame);
  let recorder = null;
  if (session.memoOut !== null) {
    const key = memoKeyFor(type, name, node.props, parentId, inherited, componentPath);
    if (key !== null) {
      if (memoReuse(componentPath, key)) return;
      recorder = memoRecordUnlessChanging(componentPath, key);
    }
  }
  const f = {
    name,
    path,
    componentPath,
    parentId,
    stateIndex: 0,
    effectIndex: 0,
    localCounts: new Map(),
    firstNodeId: null,
    allReads: NO_READS,
    readFrame: -1,
    seen: null,
    seenNonFinite: false,
    inherited,
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
  if (recorder !== null) memoFinish(recorder);
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

// ---------------------------------------------------------------- incremental rendering
//
// A component instance whose code, props, context values, state and known outputs read are what they were in
// the last render is not run again: its declarations are taken from the last render (the Java side keeps them;
// here a node is a marker { reuse: [from, to] } into the last render's node list) and what it did to the render
// around it is done again: its state slots, its writes into context values provided above it (the registry
// pattern, where each instance adds its handles to an array the next one reads), its reads for the instances
// around it. Everything else a component could do during its render makes its subtree render every time:
// effects, stack outputs, signals, the app context, constructs with hooks, constructs defined while rendering,
// functions or class instances in its props or in the context values it reads.
//
// What this relies on (React's rule for components): a component is a function of its props, its context
// values, its state and the outputs it reads, and changes nothing it was given other than context values at
// their top level (chain[i] = handles). The Java side (RenderMemo) names the code: every user module ends with
// a call to __creactTopLevel for its top-level functions, and gives each module a hash of its text and of the
// modules it imports; it also says which outputs and state paths changed since the last render.

/** Top-level functions of user modules: function → "file#name". */
const topLevel = new Map();
const contextsByKey = new Map();
const contextSites = new Map();
const NOMEMO = { nomemo: true };
const SELF = "\u0000self";
const KEYS = "\u0000keys";

export function __creactTopLevel(file, names, values) {
  for (let i = 0; i < names.length; i++) {
    const v = values[i];
    if (typeof v === "function" && !topLevel.has(v)) topLevel.set(v, file + "#" + names[i]);
  }
}

/** A context's name across evaluations: where createContext was called (and how many times there). */
function contextKey() {
  const site = callerSite();
  const at = site === null ? "builtin" : `${site.file}:${site.line}:${site.column}`;
  const n = contextSites.get(at) || 0;
  contextSites.set(at, n + 1);
  return at + "#" + n;
}

function memoPoison() {
  if (session === null) return;
  for (const r of session.recorders) r.ok = false;
}

/** The key of an instance, or null when it cannot be reused (a function not at the top level of a user module, props that are not values). */
function memoKeyFor(type, name, props, parentId, inherited, componentPath) {
  memoSee(componentPath); // two instances at one path: neither is kept
  const fn = topLevel.get(type);
  if (fn === undefined) return null;
  const hash = fnHash(fn);
  if (hash === undefined) return null;
  for (const r of session.recorders) r.fns.set(fn, hash);
  if (session.memoDead.has(componentPath)) return null;
  let propsKey;
  try {
    propsKey = memoKeyOf(props);
  } catch (_notAValue) {
    return null;
  }
  let reads = "";
  for (const r of inherited) {
    reads += r.id + "\u0001" + (r.needle === undefined ? "\u0002" : r.needle === null ? "\u0003" : r.needle) + "\u0004";
  }
  return fn + "@" + hash + "\u0001" + name + "\u0001" + propsKey + "\u0001" + parentId + "\u0001"
      + ancestorsKey() + "\u0001" + reads;
}

/** The names of the components being rendered, outermost first (kept while the same component renders children). */
function ancestorsKey() {
  const stack = session.componentStack;
  const top = stack.length === 0 ? null : stack[stack.length - 1];
  if (top === null) return "";
  if (top.key === undefined) top.key = stack.map((c) => c.name).join("/");
  return top.key;
}

/**
 * How many renders in a row an instance's key may differ from the last one before the instance is no longer
 * recorded. Recording is a fifth of a render; an instance whose key keeps changing (the component being
 * typed in, every instance of it) would pay it on every keystroke for an entry the next keystroke cannot use.
 * Such an instance leaves a stub with its key instead; once a render finds the key unchanged it is recorded
 * again, and the render after that can reuse it: the price is one render without reuse when the typing moves
 * elsewhere.
 */
const CHANGES_BEFORE_SKIPPING = 1;

function memoRecordUnlessChanging(path, key) {
  const e = session.memoIn[path];
  const changes = e !== undefined && e.k !== key ? (e.m || 0) + 1 : 0;
  if (changes > CHANGES_BEFORE_SKIPPING) {
    session.memoStats.rendered++;
    memoStore(path, { k: key, m: changes, stub: 1 });
    return null;
  }
  const r = memoRecord(path, key);
  r.changes = changes;
  return r;
}

function memoRecord(path, key) {
  const r = {
    path, key, seq: session.providerSeq, from: session.nodeCount, ok: true, outputsRead: false,
    fns: new Map(), ctx: [], outs: new Set(), st: new Set(), statePaths: [], sub: [],
  };
  session.recorders.push(r);
  session.memoStats.rendered++;
  return r;
}

function memoFinish(r) {
  session.recorders.pop();
  if (!r.ok) {
    for (const outer of session.recorders) outer.ok = false;
    return;
  }
  // Empty lists are left out: the memo goes to the Java side and back on every render.
  const entry = { k: r.key, from: r.from, to: session.nodeCount };
  if (r.fns.size > 0) entry.f = Array.from(r.fns);
  if (r.ctx.length > 0) entry.c = r.ctx;
  if (r.outs.size > 0) entry.o = Array.from(r.outs);
  if (r.st.size > 0) entry.s = Array.from(r.st);
  if (r.statePaths.length > 0) {
    entry.sp = r.statePaths;
    entry.sv = r.statePaths.map((p) => session.stateOut[p]);
  }
  if (r.outputsRead) entry.r = 1;
  if (r.sub.length > 0) entry.sub = r.sub;
  if (r.changes > 0) entry.m = r.changes;
  memoStore(r.path, entry);
}

/**
 * Keeps an entry for the next render. Its path goes into the enclosing instance's list even when the entry is not
 * kept (two instances at one path): the enclosing entry's own outputs and state list only what its children's
 * entries do not, so an enclosing entry with a child missing from the memo is never reused.
 */
function memoStore(path, entry) {
  const parent = session.recorders[session.recorders.length - 1];
  if (parent !== undefined) parent.sub.push(path);
  if (session.memoDead.has(path)) return;
  session.memoOut[path] = entry;
}

const NONE = [];

/** The innermost provider's entry ({ value, seq }) of a context, or null when none is above. */
function contextTop(context) {
  const stack = session.contextStacks.get(context);
  return stack && stack.length > 0 ? stack[stack.length - 1] : null;
}

/** The value a context has here: its innermost provider's, else its default. */
function contextValue(context) {
  const top = contextTop(context);
  return top === null ? context.defaultValue : top.value;
}

/** The hash of the module a top-level function ("file#name") belongs to, or undefined. */
function fnHash(fn) {
  return session.hashes[fn.slice(0, fn.lastIndexOf("#"))];
}

/** Marks a component path as rendered here; a path seen twice keeps no entry. Returns whether it was seen before. */
function memoSee(path) {
  if (!session.memoSeen.has(path)) {
    session.memoSeen.add(path);
    return false;
  }
  session.memoDead.add(path);
  delete session.memoOut[path];
  return true;
}

/** An entry of the last render moved to where its nodes start in this one. */
function shifted(e, shift) {
  return shift === 0 || e.stub ? e : Object.assign({}, e, { from: e.from + shift, to: e.to + shift });
}

function memoReuse(path, key) {
  const e = session.memoIn[path];
  if (e === undefined || e.k !== key || e.stub) return false;
  const fns = e.f || NONE;
  for (const [fn, hash] of fns) {
    if (fnHash(fn) !== hash) return false;
  }
  const statePaths = e.sp || NONE;
  for (const p of statePaths) if (session.statePaths.has(p)) return false;
  if ((session.changedOutputs.size > 0 || session.changedState.size > 0) && !memoDepsUnchanged(e)) return false;
  const ops = e.c || NONE;
  if (!memoStillReads(ops)) return false;
  const shift = session.nodeCount - e.from;
  session.nodes.push({ reuse: [e.from, e.to] });
  session.nodeCount += e.to - e.from;
  for (let i = 0; i < statePaths.length; i++) {
    session.statePaths.add(statePaths[i]);
    session.stateOut[statePaths[i]] = e.sv[i];
  }
  if (e.r) session.outputsRead = true;
  for (const op of ops) {
    if (op[0] === "r") continue;
    const target = contextValue(contextsByKey.get(op[1]));
    if (op[0] === "w") target[op[2]] = memoDecode(op[3]);
    else delete target[op[2]];
  }
  for (const r of session.recorders) {
    for (const [fn, hash] of fns) r.fns.set(fn, hash);
    for (const p of statePaths) r.statePaths.push(p);
    if (e.r) r.outputsRead = true;
    for (const op of ops) {
      const top = contextTop(contextsByKey.get(op[1]));
      if ((top === null ? -1 : top.seq) < r.seq) r.ctx.push(op);
    }
  }
  memoStore(path, shifted(e, shift));
  memoCarry(e.sub || NONE, shift);
  session.memoStats.reused++;
  session.memoStats.nodesReused += e.to - e.from;
  return true;
}

/** The memo entries under a reused instance, kept for the next render (their nodes moved by `shift`). */
function memoCarry(paths, shift) {
  for (const p of paths) {
    const d = session.memoIn[p];
    if (d === undefined || memoSee(p)) continue;
    session.memoOut[p] = shifted(d, shift);
    memoCarry(d.sub || NONE, shift);
  }
}

/**
 * Whether the deployed outputs and the state an entry and the entries under it read are unchanged: its nodes (the
 * last render's indices) are not among those whose outputs changed, nor are the other resources it read.
 */
function memoDepsUnchanged(e) {
  for (const i of session.changedNodes) if (i >= e.from && i < e.to) return false;
  if (e.o !== undefined) for (const id of e.o) if (session.changedOutputs.has(id)) return false;
  if (e.s !== undefined) for (const p of e.s) if (session.changedState.has(p)) return false;
  if (e.sub !== undefined) {
    for (const p of e.sub) {
      const d = session.memoIn[p];
      if (d === undefined || !memoDepsUnchanged(d)) return false;
    }
  }
  return true;
}

/** Whether the context values an instance read from above it read the same now (its own writes aside). */
function memoStillReads(ops) {
  let written = null;
  for (const op of ops) {
    const slot = op[1] + "\u0000" + op[2];
    if (op[0] !== "r") {
      const target = contextsByKey.get(op[1]);
      const value = target === undefined ? undefined : contextValue(target);
      if (value === null || typeof value !== "object") return false; // nothing to write into
      if (written === null) written = new Set();
      written.add(slot);
      continue;
    }
    if (written !== null && written.has(slot)) continue;
    const context = contextsByKey.get(op[1]);
    if (context === undefined) return false;
    const v = contextValue(context);
    let k;
    try {
      if (op[2] === SELF) k = memoKeyOf(v);
      else if (v === null || typeof v !== "object") return false;
      else if (op[2] === KEYS) k = JSON.stringify(Reflect.ownKeys(v).filter((x) => typeof x === "string"));
      else if (op[2].startsWith("\u0000has\u0000")) k = String(op[2].slice(5) in v);
      else k = memoKeyOf(v[op[2]]);
    } catch (_notAValue) {
      return false;
    }
    if (k !== op[3]) return false;
  }
  return true;
}

/** A context value as the recording instances see it: reads and top-level writes are noted. */
function memoContextRead(context, seq, value) {
  let outside = null;
  for (const r of session.recorders) {
    if (seq < r.seq) (outside === null ? (outside = []) : outside).push(r);
  }
  if (outside === null) return value;
  if (typeof value === "function" || typeof value === "symbol") {
    for (const r of outside) r.ok = false;
    return value;
  }
  if (value === null || typeof value !== "object") {
    const k = memoKeyOf(value);
    for (const r of outside) r.ctx.push(["r", context.memoKey, SELF, k]);
    return value;
  }
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
    for (const r of outside) r.ok = false;
    return value;
  }
  const key = context.memoKey;
  const note = (prop, k) => {
    for (const r of outside) r.ctx.push(["r", key, prop, k]);
  };
  const poison = () => {
    for (const r of outside) r.ok = false;
  };
  return new Proxy(value, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (typeof prop !== "string") return v;
      if (typeof v === "function" && !Object.prototype.hasOwnProperty.call(target, prop)) return v; // a method
      try {
        note(prop, memoKeyOf(v));
      } catch (_notAValue) {
        poison();
      }
      return v;
    },
    has(target, prop) {
      const present = Reflect.has(target, prop);
      if (typeof prop === "string") note("\u0000has\u0000" + prop, String(present));
      return present;
    },
    ownKeys(target) {
      const keys = Reflect.ownKeys(target);
      note(KEYS, JSON.stringify(keys.filter((x) => typeof x === "string")));
      return keys;
    },
    getOwnPropertyDescriptor(target, prop) {
      const d = Reflect.getOwnPropertyDescriptor(target, prop);
      if (typeof prop === "string") {
        try {
          note(prop, memoKeyOf(d === undefined ? undefined : d.value));
        } catch (_notAValue) {
          poison();
        }
      }
      return d;
    },
    set(target, prop, v) {
      if (typeof prop !== "string") {
        poison();
      } else {
        try {
          const enc = memoEncode(v);
          for (const r of outside) r.ctx.push(["w", key, prop, enc]);
        } catch (_notAValue) {
          poison();
        }
      }
      return Reflect.set(target, prop, v);
    },
    deleteProperty(target, prop) {
      if (typeof prop !== "string") poison();
      else for (const r of outside) r.ctx.push(["d", key, prop, null]);
      return Reflect.deleteProperty(target, prop);
    },
    defineProperty(target, prop, descriptor) {
      poison();
      return Reflect.defineProperty(target, prop, descriptor);
    },
  });
}

function isPlain(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A value as a string that is equal exactly when the values are (for props and context values, compared by
 * value); throws NOMEMO for what has no such string (functions not at the top level of a module, class
 * instances other than handles, symbols, cycles).
 */
function memoKeyOf(value) {
  return keyPart(value, 0);
}

function keyPart(v, depth) {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "boolean":
      return v ? "true" : "false";
    case "undefined":
      return "undefined";
    case "bigint":
      return v.toString() + "n";
    case "symbol":
      if (v === Fragment) return "Fragment";
      throw NOMEMO;
    case "function": {
      if (v[CONSTRUCT]) return "c" + JSON.stringify(v[CONSTRUCT].type);
      const fn = topLevel.get(v);
      const hash = fn === undefined ? undefined : fnHash(fn);
      if (hash === undefined) throw NOMEMO;
      for (const r of session.recorders) r.fns.set(fn, hash);
      return "f" + JSON.stringify(fn + "@" + hash);
    }
    default:
      break;
  }
  if (v === null) return "null";
  if (depth > 32) throw NOMEMO;
  if (v instanceof Handle) return "h" + JSON.stringify(v.id);
  if (v[REF] === true) return "r" + JSON.stringify(v.resourceId + "#" + v.output);
  if (Array.isArray(v)) {
    let out = "[";
    for (let i = 0; i < v.length; i++) out += (i === 0 ? "" : ",") + keyPart(v[i], depth + 1);
    return out + "]";
  }
  if (v.$$typeof === PROVIDER) return "p" + JSON.stringify(v.context.memoKey);
  if (v.$$typeof === CONTEXT) return "x" + JSON.stringify(v.memoKey);
  if (!isPlain(v)) throw NOMEMO;
  if (v.$$typeof === ELEMENT) {
    return "e(" + keyPart(v.type, depth + 1) + "," + keyPart(v.props, depth + 1) + "," + keyPart(v.key, depth + 1)
        + "," + keyPart(v.source, depth + 1) + ")";
  }
  let out = "{";
  let first = true;
  for (const k of Object.keys(v)) {
    out += (first ? "" : ",") + JSON.stringify(k) + ":" + keyPart(v[k], depth + 1);
    first = false;
  }
  return out + "}";
}

// A value written into a context value, kept for writing it again when the instance is reused. Strings that
// begin with U+0000 are markers: a handle ("\0h" + schema flag + type + "\1" + id), an output reference, undefined,
// a number JSON cannot hold, or a string that itself began with U+0000.
function memoEncode(v) {
  if (v === undefined) return "\u0000u";
  if (v === null || typeof v === "boolean") return v;
  if (typeof v === "string") return v.charCodeAt(0) === 0 ? "\u0000s" + v : v;
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0) ? v : "\u0000n" + (Object.is(v, -0) ? "-0" : String(v));
  if (typeof v !== "object") throw NOMEMO;
  if (v instanceof Handle) {
    const info = v[HANDLE].info;
    return "\u0000h" + (info.schema !== null ? "1" : "0") + info.type + "\u0001" + v.id;
  }
  if (Array.isArray(v)) return v.map(memoEncode);
  if (v[REF] === true) return "\u0000r" + v.resourceId + "\u0001" + v.output;
  if (!isPlain(v) || v.$$typeof !== undefined) throw NOMEMO;
  const entries = [];
  for (const k of Object.keys(v)) entries.push([k, memoEncode(v[k])]);
  return { o: entries, f: Object.isFrozen(v) };
}

function memoDecode(v) {
  if (typeof v === "string") {
    if (v.charCodeAt(0) !== 0) return v;
    const rest = v.slice(2);
    switch (v.charAt(1)) {
      case "u":
        return undefined;
      case "s":
        return rest;
      case "n":
        return rest === "-0" ? -0 : Number(rest);
      case "r": {
        const cut = rest.indexOf("\u0001");
        return makeRef(rest.slice(0, cut), rest.slice(cut + 1));
      }
      default: { // "h"
        const cut = rest.indexOf("\u0001");
        const type = rest.slice(1, cut);
        // -1: a resource of the reused subtree, so that whoever reads its outputs now counts them as an input
        return makeHandle(rest.slice(cut + 1), { type, schema: rest.charAt(0) === "1" ? (constructRegistry[type] || null) : null }, -1);
      }
    }
  }
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(memoDecode);
  const out = {};
  for (const [k, x] of v.o) out[k] = memoDecode(x);
  return v.f ? Object.freeze(out) : out;
}

/** What the memo keeps for the next render (JSON; null without a memo). */
export function __creactMemoOut() {
  if (session === null || session.memoOut === null) return null;
  return JSON.stringify(session.memoOut);
}

/** How much this render reused: "instances reused,instances rendered,nodes reused". */
export function __creactMemoStats() {
  const s = session === null ? { reused: 0, rendered: 0, nodesReused: 0 } : session.memoStats;
  return `${s.reused},${s.rendered},${s.nodesReused}`;
}

function rejectFunctions(key, value) {
  if (typeof value === "function") {
    throw new CreactError("invalid-prop-value", `prop '${key}' is a function; props must be JSON values`);
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * JSON.stringify(value, rejectFunctions) without the replacer: a replacer is a call back into the interpreter for
 * every key of the result (a tenth of a render at 1,000 resources), while a `toJSON` is looked up natively and
 * called only on the values that have one. So for as long as the result is written, functions get a `toJSON` that
 * fails as rejectFunctions does and bigints one that writes their digits; what was there before is put back. When
 * the prototypes cannot take them (user code froze them), the replacer does the work.
 */
function stringifyResult(value) {
  const fn = swapToJSON(Function.prototype, failFunctionToJSON);
  if (fn === null) return JSON.stringify(value, rejectFunctions);
  const big = swapToJSON(BigInt.prototype, bigintToJSON);
  try {
    return big === null ? JSON.stringify(value, rejectFunctions) : JSON.stringify(value);
  } finally {
    restoreToJSON(Function.prototype, fn);
    if (big !== null) restoreToJSON(BigInt.prototype, big);
  }
}

function failFunctionToJSON(key) {
  return rejectFunctions(key, this);
}

function bigintToJSON() {
  return this.toString();
}

/** Installs `toJSON` on a prototype; returns what to put back ({ was: the descriptor it had, if any }), or null when it cannot be installed. */
function swapToJSON(proto, toJSON) {
  const was = Object.getOwnPropertyDescriptor(proto, "toJSON");
  if (was !== undefined && !was.configurable) return null;
  try {
    Object.defineProperty(proto, "toJSON", { value: toJSON, configurable: true, writable: true, enumerable: false });
  } catch (_frozen) {
    return null;
  }
  return { was };
}

function restoreToJSON(proto, saved) {
  if (saved.was === undefined) delete proto.toJSON;
  else Object.defineProperty(proto, "toJSON", saved.was);
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
 * Returns JSON: { nodes, state, effects, constructs, outputsRead, stackOutputs, reads } (reads: see readsResult).
 */
export function __creactRender(root, input, extras, memoInput) {
  const previous = input ? JSON.parse(input) : {};
  // The memo (incremental rendering) runs when the host keeps one, never for tests' renders or read checks.
  const memo = memoInput && !extras && readsCheck === null ? JSON.parse(memoInput) : null;
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
    providerSeq: 0,
    nodeCount: 0,
    recorders: [],
    memoIn: memo === null ? null : memo.entries || {},
    memoOut: memo === null ? null : {},
    hashes: memo === null ? {} : memo.hashes || {},
    changedOutputs: new Set(memo === null ? [] : memo.changedOutputs || []),
    changedState: new Set(memo === null ? [] : memo.changedState || []),
    changedNodes: memo === null ? [] : memo.changedNodes || [],
    memoSeen: new Set(),
    memoDead: new Set(),
    memoStats: { reused: 0, rendered: 0, nodesReused: 0 },
    readLog: [],
    readFrames: [],
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
      session.contextStacks.set(context, [{ value, seq: session.providerSeq++ }]);
    }
  }
  renderComponent(root, makeElement(root, (extras && extras.props) || {}, null, null), { frame: null });
  const nodes = session.nodes.map((n) => n.reuse !== undefined ? n : ({ id: n.id, path: n.path, type: n.type, parent: n.parent, source: n.source, components: n.components, props: n.props, rw: n.rw, rs: n.rs }));
  try {
    return stringifyResult({ nodes, state: session.stateOut, effects: session.effects, constructs: constructRegistry,
      outputsRead: session.outputsRead, stackOutputs: session.stackOutputs, reads: readsResult() });
  } catch (e) {
    // Say which resource and prop could not be saved (the slow path runs only when something is wrong).
    for (const n of session.nodes) if (n.reuse === undefined) serializeProps(n);
    throw e;
  }
}
