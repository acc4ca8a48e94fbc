// Write a creact provider as a class and serve it over stdio:
//
//   class Acme extends Provider {
//     describe() { return { constructs: [{ name: "Widget", props: { size: { type: "number", required: true } }, outputs: ["id"] }] }; }
//     async create(r: Request) { return { outputs: { id: "w-1" } }; }
//     async read(r: Request) { return null; }            // null: it does not exist
//     async update(r: Request) { return { outputs: r.outputs }; }
//     async delete(r: Request) {}
//   }
//   serve(new Acme());
//
// creact starts the program (`"providers": {"acme": {"command": ["node", "acme.js"]}}` in creact.config),
// asks `describe`, then `configure`, then any number of create/read/update/delete calls, several at once,
// then `shutdown` and `exit`. The protocol is in creact's docs/providers.md.

import { MessageReader, frame } from "./framing.js";

export { MessageReader, frame } from "./framing.js";

/** The protocol's version (creact sends it with describe and configure). */
export const PROTOCOL_VERSION = 1;

/** One prop of a construct: its type ("string", "number", "boolean", "object", "array", "any" or a union "string|number"). */
export interface PropSpec {
  type?: string;
  required?: boolean;
  /** A change of this prop replaces the resource instead of updating it. */
  replaces?: boolean;
  /** Whether changing it is safe to apply without asking in `creact dev`. */
  safe?: boolean;
  /** A secret: never shown; given as a `secret()` reference. */
  sensitive?: boolean;
  /** A sentence for the TypeScript declarations creact generates. */
  description?: string;
}

/** One construct type the provider offers: exported as `name` from `creact/<provider>`. */
export interface ConstructSpec {
  /** PascalCase export name, such as "Widget". */
  name: string;
  /** The construct type; defaults to "<provider>:<name>". */
  type?: string;
  description?: string;
  props?: Record<string, PropSpec | string>;
  outputs?: string[];
  sensitiveOutputs?: string[];
  /** Whether props not listed are accepted (default false). */
  additionalProps?: boolean;
  additionalOutputs?: boolean;
  createBeforeDestroy?: boolean;
}

/** What `describe` answers. */
export interface Description {
  description?: string;
  constructs: ConstructSpec[];
  /** The settings the provider takes under `providers.<name>` in creact.config, each with what it means. */
  settings?: Record<string, string>;
}

/** What `configure` brings: the settings from creact.config, the project folder and the stack. */
export interface Configuration {
  protocolVersion: number;
  settings: Record<string, unknown>;
  projectRoot: string;
  stack: string;
}

/** One resource: its id, type and props (references resolved); for read, update and delete also what the last call returned. */
export interface Request<P = Record<string, unknown>> {
  id: string;
  type: string;
  props: P;
  outputs: Record<string, unknown>;
  providerData: unknown;
}

/** What create, read and update return. `providerData` is kept in creact's state for the next call (never shown). */
export interface Result {
  outputs: Record<string, unknown>;
  providerData?: unknown;
  /** From read: the props as found, for drift. */
  observed?: Record<string, unknown>;
}

/** A failure that says whether trying again may help (creact retries transient ones with back-off). */
export class ProviderError extends Error {
  constructor(message: string, readonly transient = false) {
    super(message);
    this.name = "ProviderError";
  }

  static transient(message: string): ProviderError {
    return new ProviderError(message, true);
  }
}

/** A provider as a class; `serve` answers creact's calls with its methods. */
export abstract class Provider {
  private sink: ((id: string, message: string) => void) | undefined;

  /** The construct types and settings; called once, before anything else. */
  abstract describe(): Description | Promise<Description>;

  /** Takes the settings; called once per run, before the first create, read, update or delete. */
  configure(_configuration: Configuration): void | Promise<void> {}

  abstract create(request: Request): Promise<Result>;

  /** The resource as it exists now, or null when it does not exist (creact asks after an interruption). */
  abstract read(request: Request): Promise<Result | null>;

  abstract update(request: Request): Promise<Result>;

  /** Deleting what no longer exists is not an error. */
  abstract delete(request: Request): Promise<void>;

  /** Called on shutdown, before the program exits. */
  shutdown(): void | Promise<void> {}

  /** A line of progress for resource `id`, shown by creact while a call for it runs (never a secret). */
  protected log(id: string, message: string): void {
    this.sink?.(id, message);
  }

  /** @internal */
  attach(sink: (id: string, message: string) => void): void {
    this.sink = sink;
  }
}

interface Message {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
}

const METHOD_NOT_FOUND = -32601;
const INVALID_REQUEST = -32600;
const PROVIDER_FAILED = -32000;

/**
 * Answers creact's calls on stdin/stdout with `provider`. Console output goes to stderr (stdout is the
 * protocol's), which creact keeps in `.creact/providers/<name>.log`.
 */
export function serve(provider: Provider, input: NodeJS.ReadableStream = process.stdin,
                      output: NodeJS.WritableStream = process.stdout): void {
  if (output === process.stdout) {
    for (const level of ["log", "info", "debug"] as const) {
      console[level] = (...args: unknown[]) => console.error(...args);
    }
  }
  const send = (message: object) => output.write(frame({ jsonrpc: "2.0", ...message }));
  provider.attach((id, message) => send({ method: "log", params: { id, message } }));
  const reader = new MessageReader(message => void handle(message as Message), error => console.error("creact-provider:", error.message));
  let exiting = false;
  const running = new Set<Promise<unknown>>();

  async function handle(message: Message): Promise<void> {
    if (typeof message !== "object" || message === null || typeof message.method !== "string") {
      return; // a response: creact sends none we asked for
    }
    const isRequest = message.id !== undefined && message.id !== null;
    if (!isRequest) {
      if (message.method === "exit") {
        exiting = true;
        process.exit(0);
      }
      return; // $/cancelRequest and unknown notifications: a call that has started is let finish
    }
    const call = dispatch(provider, message.method, message.params);
    running.add(call);
    try {
      const result = await call;
      send({ id: message.id, result: result === undefined ? null : result });
    } catch (e) {
      const error = e as Error & { code?: number; transient?: boolean };
      send({
        id: message.id,
        error: {
          code: typeof error.code === "number" ? error.code : PROVIDER_FAILED,
          message: error?.message ?? String(e),
          data: { transient: error instanceof ProviderError ? error.transient : false },
        },
      });
    } finally {
      running.delete(call);
    }
  }

  input.on("data", (chunk: Buffer | string) => reader.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk));
  // creact went away (killed, say): let the calls that started finish their work, as a cloud API would,
  // then exit. creact's `resume` asks `read` about them.
  input.on("end", () => {
    if (!exiting) {
      void Promise.allSettled(running).then(() => process.exit(0));
    }
  });
  output.on("error", () => { /* creact is gone; nobody reads the answers */ });
}

class RpcError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

async function dispatch(provider: Provider, method: string, params: unknown): Promise<unknown> {
  switch (method) {
    case "describe":
      return provider.describe();
    case "configure":
      await provider.configure(params as Configuration);
      return null;
    case "create":
      return provider.create(request(params));
    case "read":
      return provider.read(request(params));
    case "update":
      return provider.update(request(params));
    case "delete":
      await provider.delete(request(params));
      return null;
    case "shutdown":
      await provider.shutdown();
      return null;
    default:
      throw new RpcError(METHOD_NOT_FOUND, `unknown method ${method}`);
  }
}

function request(params: unknown): Request {
  const p = params as Partial<Request> | null;
  if (!p || typeof p.id !== "string" || typeof p.type !== "string") {
    throw new RpcError(INVALID_REQUEST, "a request needs an id and a type");
  }
  return { id: p.id, type: p.type, props: p.props ?? {}, outputs: p.outputs ?? {}, providerData: p.providerData ?? null };
}
