// Type declarations for the `creact` module: elements and the JSX namespace, constructs and handles,
// and the hooks (useInstance, useState, useContext, useEffect). `creact init` copies this file into
// the project (types/creact/); the runtime it describes is creact.mjs, which the engine serves.

declare module "creact" {
  // Type-only markers carrying a construct's output types and an output's value type; they do not exist
  // at run time.
  const outputsOf: unique symbol;
  const outputValue: unique symbol;

  // ------------------------------------------------------------ elements

  /** Where a JSX element was written (passed by the development JSX runtime). */
  export interface JsxSource {
    fileName: string;
    lineNumber: number;
    columnNumber: number;
  }

  /** An element: what JSX and createElement produce. creact renders it; it is not a resource itself. */
  export interface CreactElement<P = Record<string, unknown>> {
    readonly $$typeof: symbol;
    readonly type: unknown;
    readonly props: P;
    readonly key: string | null;
    readonly source: JsxSource | null;
  }

  /**
   * What a component may return and what may appear as children: elements, arrays of them, and
   * nothing (null, undefined, booleans). Text is not allowed: a creact tree holds no text.
   */
  export type CreactNode = CreactElement<any> | null | undefined | boolean | ReadonlyArray<CreactNode>;

  /** A function component: takes props, calls hooks, returns what to render (often null). */
  export type Component<P = {}> = (props: P) => CreactNode;

  /** Anything that may be used as a JSX element type or passed to createElement. */
  export type CreactElementType = (props: any) => CreactNode;

  /**
   * Groups children without adding a level to the tree (`<>...</>` or `<Fragment key=...>`).
   * At run time it is a symbol, not a function: use it only as an element type.
   */
  export const Fragment: FragmentType;
  export interface FragmentType {
    (props: { children?: CreactNode }): null;
  }

  export function createElement(
    type: CreactElementType,
    config?: { readonly key?: string | number; readonly [prop: string]: unknown } | null,
    ...children: CreactNode[]
  ): CreactElement;

  /** The automatic JSX runtime's entry points (used by the compiler, rarely by hand). */
  export function jsx(type: CreactElementType, props: object, key?: string | number): CreactElement;
  export function jsxs(type: CreactElementType, props: object, key?: string | number): CreactElement;
  export function jsxDEV(
    type: CreactElementType,
    props: object,
    key: string | number | undefined,
    isStaticChildren?: boolean,
    source?: JsxSource,
    self?: unknown
  ): CreactElement;

  export function isValidElement(value: unknown): value is CreactElement;

  // ------------------------------------------------------------ constructs and handles

  /**
   * An output of a resource: its value once the resource is deployed, a reference until then. It may be
   * passed as a prop or embedded in a template string as it is (creact fills in the value when the
   * resource is deployed); to compute with it, ask `isKnown(output)` first, which narrows it to `T`.
   * Calling a method on an output that is not known yet is a build error at that line.
   */
  export interface Output<T> {
    readonly [outputValue]: T;
    /** The resource whose output this is (present while the output is not known). */
    readonly resourceId?: string;
  }

  /** What props accept: a value, or an output that will be that value once deployed (also inside objects and arrays). */
  export type Input<T> =
    | Output<T>
    | (T extends ReadonlyArray<infer E> ? ReadonlyArray<Input<E>>
      : T extends object ? { [K in keyof T]: Input<T[K]> }
      : T);

  /** Every prop of P as an {@link Input}. */
  export type Inputs<P> = { [K in keyof P]: Input<P[K]> };

  /**
   * A reference to the stack secret `name`, given as a prop where a string goes: the value is read from
   * the stack's encrypted store (`creact secrets set NAME`) just before the provider call, and is never in
   * the render, plan, state or editor. Names are upper-case letters, digits and '_'.
   */
  export function secret(name: string): SecretRef;

  /** What `secret(name)` gives: accepted wherever a string prop is; its value is not readable in components. */
  export type SecretRef = string & { readonly $secret: string };

  /**
   * Whether a value is known now: false for an output of a resource that is not deployed yet (or a
   * string that embeds one), true otherwise. `if (isKnown(db.outputs.url)) …` is how a component does
   * something only once another resource exists.
   */
  export function isKnown<T>(value: Output<T> | T): value is T;

  /** Props that every resource takes besides its own. */
  export interface InstanceProps {
    /** Names the resource within its component (its local id); otherwise it is numbered by kind. */
    key?: string | number;
    /** Resources this one must be deployed after, as handles or node ids. */
    dependsOn?: ReadonlyArray<Handle<any> | string>;
  }

  /**
   * A construct type made by defineConstruct (or exported by a module such as creact/local),
   * with props P and outputs O. Use it with `useInstance(C, props)` or as an element `<C ... />`;
   * elements nested in a construct element are rendered under that resource. Calling it directly
   * throws. Its `name` is the construct type, such as "local:File".
   */
  export interface Construct<P = Record<string, unknown>, O = Record<string, unknown>> {
    (props: Inputs<P> & InstanceProps & { children?: CreactNode }): null;
    readonly name: string;
    readonly [outputsOf]?: O;
  }

  /**
   * A declared resource: its node id, whether it is deployed, and its outputs. Each output is an
   * {@link Output}: its value when known from the deployed state, a reference until then.
   */
  export interface Handle<O = Record<string, unknown>> {
    readonly id: string;
    /** Whether the stack's state has this resource (its outputs are then known). */
    readonly deployed: boolean;
    readonly outputs: { readonly [K in keyof O]: Output<O[K]> };
    /** The node id. */
    toString(): string;
  }

  /** Schema prop types: one name, or several joined by '|' (such as "string|number"). */
  export type PropTypeAtom = "string" | "number" | "boolean" | "object" | "array" | "any";
  export type PropTypeName = PropTypeAtom | `${PropTypeAtom}|${string}`;

  export interface PropSpec {
    /** Defaults to "any". */
    type?: PropTypeName;
    required?: boolean;
    /** A change of this prop replaces the resource instead of updating it. */
    replaces?: boolean;
    /** Whether changing this prop is safe to apply without asking in dev mode (unset: it is not). */
    safe?: boolean;
    /** Whether its value is secret: never shown in plans, logs or the editor. */
    sensitive?: boolean;
  }

  export interface ConstructSchemaSpec {
    props?: Record<string, PropTypeName | PropSpec>;
    /**
     * The outputs the resource has once deployed (reading any other is a build error), each a name or
     * `{ name, sensitive: true }` for a secret one.
     */
    outputs?: ReadonlyArray<string | { name: string; sensitive?: boolean }>;
    /** Whether props not listed are accepted (default true). */
    additionalProps?: boolean;
    /** Whether outputs not listed may exist, so reading them is no error (default false). */
    additionalOutputs?: boolean;
    /** On replacement, create the new resource before destroying the old one. */
    createBeforeDestroy?: boolean;
  }

  /**
   * Declares a construct type such as "aws:s3:Bucket" (a lower-case provider, then ':'-separated
   * names) with an optional schema. Give P and O to type its props and outputs.
   */
  export function defineConstruct<P = Record<string, unknown>, O = Record<string, unknown>>(
    type: `${string}:${string}`,
    schema?: ConstructSchemaSpec
  ): Construct<P, O>;

  // ------------------------------------------------------------ hooks

  /**
   * Declares a resource in the current component and returns its handle. `construct` is a
   * Construct or a construct type string.
   */
  export function useInstance<P = Record<string, unknown>, O = Record<string, unknown>>(
    construct: Construct<P, O> | string,
    props: Inputs<P> & InstanceProps
  ): Handle<O>;

  /** A value kept across evaluations (in the stack's state), per component and call order. */
  export function useState<T>(initial: T | (() => T)): [T, (next: T | ((prev: T) => T)) => void];
  /** Without an initial value the state starts as undefined. */
  export function useState<T = undefined>(): [T | undefined, (next: T | undefined | ((prev: T | undefined) => T | undefined)) => void];

  export interface Context<T> {
    /** Provides `value` to the components below it: `<Ctx.Provider value={...}>...</Ctx.Provider>`. */
    readonly Provider: Provider<T>;
    readonly defaultValue: T;
  }

  /** At run time an object, not a function: use it only as an element type. */
  export interface Provider<T> {
    (props: { value: T; children?: CreactNode }): null;
  }

  export function createContext<T>(defaultValue: T): Context<T>;

  /** The value of the nearest Provider above the current component, or the context's default. */
  export function useContext<T>(context: Context<T>): T;

  /** Registers an effect of the current component; `deps` decides when it runs again. */
  export function useEffect(effect: () => void | (() => void), deps?: ReadonlyArray<unknown>): void;

  // ------------------------------------------------------------ JSX

  /** The JSX types for `"jsx": "react-jsx"` with `"jsxImportSource": "creact"`. */
  export namespace JSX {
    type Element = CreactElement<any>;
    /** Function components (which may return arrays or null), constructs, providers, Fragment. */
    type ElementType = CreactElementType;
    /** Empty: elements such as <div> mean nothing in infrastructure. */
    interface IntrinsicElements {}
    interface IntrinsicAttributes {
      key?: string | number;
    }
    interface ElementChildrenAttribute {
      children: {};
    }
  }

  // The same JSX types in the global scope, for tools that do not look them up in the
  // jsx-runtime module (or the classic `createElement` JSX transform).
  global {
    namespace JSX {
      type Element = CreactElement<any>;
      type ElementType = CreactElementType;
      interface IntrinsicElements {}
      interface IntrinsicAttributes {
        key?: string | number;
      }
      interface ElementChildrenAttribute {
        children: {};
      }
    }
  }

  export {};
}
