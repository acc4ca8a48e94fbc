// Type declarations for `creact/test`: tests of infrastructure code, run by `creact test` (files named
// *.test.tsx or *.test.ts). `creact init` copies this file into the project (types/creact/).

declare module "creact/test" {
  import type { Component, Context } from "creact";

  /** One resource a render declared. */
  export interface RenderedResource {
    readonly id: string;
    /** The construct type, such as "local:File". */
    readonly type: string;
    /** Its props as written (outputs not known yet appear as `${ref:id#output}` tokens). */
    readonly props: Readonly<Record<string, unknown>>;
    /** The resource it is nested under, or null. */
    readonly parent: string | null;
  }

  /** What `render` returns: the resources in declaration order and the stack outputs. */
  export interface Rendered {
    readonly resources: ReadonlyArray<RenderedResource>;
    readonly stackOutputs: Readonly<Record<string, unknown>>;
    readonly ids: ReadonlyArray<string>;
    /** The resource `id` (a failure naming the resources there are when it was not rendered). */
    resource(id: string): RenderedResource;
    /** The resources of one construct type. */
    ofType(type: string): ReadonlyArray<RenderedResource>;
  }

  export interface RenderOptions<P> {
    /** Outputs of deployed resources by id, which the components then read as known values. */
    state?: Record<string, Record<string, unknown>>;
    /** Context values provided around the component: `[[Env, { name: "prod" }]]`. */
    context?: ReadonlyArray<readonly [Context<any>, unknown]>;
    /** The component's props. */
    props?: P;
  }

  /** Renders a component as creact would for a deploy, and returns what it declared. */
  export function render<P = {}>(component: Component<P>, options?: RenderOptions<P>): Rendered;

  /** Registers a test (synchronous). */
  export function test(name: string, fn: () => void): void;
  export const it: typeof test;
  /** Groups tests under a name. */
  export function describe(name: string, fn: () => void): void;

  /**
   * Registers a deploy cycle check: creact plans the component against an empty in-memory stack, deploys
   * it with the mock provider (local resources go to a scratch copy of the project), and plans again, which
   * must find nothing to do.
   */
  export function testCycle(name: string, component: Component<{}>, options?: { expectResources?: number }): void;

  export interface Matchers {
    toBe(expected: unknown): void;
    toEqual(expected: unknown): void;
    toBeTruthy(): void;
    toBeFalsy(): void;
    toBeDefined(): void;
    toBeUndefined(): void;
    toContain(item: unknown): void;
    toMatch(pattern: RegExp | string): void;
    toHaveLength(length: number): void;
    toThrow(pattern?: RegExp | string): void;
    /** On a render: the resource exists and has these props (deep-equal). */
    toHaveResource(id: string, props?: Record<string, unknown>): void;
    /** On a render: exactly n resources (of one construct type, when given). */
    toHaveResources(count: number, type?: string): void;
    /** Compares with the stored snapshot (`creact test --update-snapshots` writes it). */
    toMatchSnapshot(name?: string): void;
  }

  export function expect(actual: unknown): Matchers & { readonly not: Matchers };
}
