import { applyUpdate } from "./state.js";
import {
  CLOSE_TOO_SLOW,
  SUBPROTOCOL,
  TOKEN_SUBPROTOCOL_PREFIX,
  type CloudDOMState,
  type ErrorMessage,
  type Outputs,
  type StateUpdateMessage,
  type SyncError,
} from "./types.js";

/** The part of the WebSocket API the client uses: the browser's, jsdom's and the `ws` package's all fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** Where `creact serve` listens unless configured otherwise. */
export const DEFAULT_URL = "ws://127.0.0.1:4790/v1/ws";

export interface StateSyncClientOptions {
  /** The server: `ws://host:port/v1/ws`, or its `http://host:port` base. Default {@link DEFAULT_URL}. */
  url?: string;
  /**
   * The server's token (printed by `creact serve`, kept in `.creact/sync.json`), or a function that gets
   * it; the function is called before every connection attempt, so a new token is picked up on reconnect.
   */
  token: string | (() => string | Promise<string>);
  /** The WebSocket implementation; default `globalThis.WebSocket` (in Node 20, pass the `ws` package's). */
  WebSocket?: WebSocketConstructor;
  /** First reconnection delay, in ms (default 500); it doubles after each failure, up to `maxDelayMs`. */
  initialDelayMs?: number;
  /** Longest reconnection delay, in ms (default 15000). */
  maxDelayMs?: number;
}

export interface StackListener<T = Record<string, Outputs>> {
  /** A new state of the stack (the whole state after every (re)subscription, then each change). */
  onState(state: CloudDOMState<T>): void;
  /** An `error` message about this stack (such as `unknown_stack`). */
  onError?(error: SyncError): void;
}

/** Whether the client is connected, and the last problem when it is not (or a server error). */
export type ConnectionListener = (connected: boolean, error: SyncError | null) => void;

interface Subscription {
  state: CloudDOMState<unknown> | undefined;
  listeners: Set<StackListener<unknown>>;
}

/** Turns an `http(s)://host:port` base into the WebSocket endpoint; a `ws(s)://` URL is kept as it is. */
export function webSocketUrl(url: string): string {
  const u = new URL(url);
  if (u.protocol === "http:" || u.protocol === "https:") {
    u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
    if (u.pathname === "/" || u.pathname === "") {
      u.pathname = "/v1/ws";
    }
  }
  return u.toString();
}

/**
 * One WebSocket connection to a state sync server, shared by any number of stack subscriptions; framework
 * free (the React hook and the Vue composable are thin layers over it). It connects when the first stack is
 * subscribed, subscribes every stack again after each reconnection (each then starts with its whole
 * state), reconnects with exponential back-off and jitter when the connection drops, and disconnects when
 * the last subscription ends or {@link close} is called.
 */
export class StateSyncClient {
  private readonly url: string;
  private readonly options: StateSyncClientOptions;
  private readonly WebSocketImpl: WebSocketConstructor;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly connectionListeners = new Set<ConnectionListener>();
  private socket: WebSocketLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private closed = false;
  private generation = 0;
  private lastError: SyncError | null = null;
  /** Whether the connection is open now. */
  connected = false;

  constructor(options: StateSyncClientOptions) {
    this.options = options;
    this.url = webSocketUrl(options.url ?? DEFAULT_URL);
    const impl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!impl) {
      throw new Error("no WebSocket implementation: pass options.WebSocket (for example the 'ws' package's)");
    }
    this.WebSocketImpl = impl;
  }

  /** The last problem (connection or server error), or null. */
  get error(): SyncError | null {
    return this.lastError;
  }

  /** Follows a stack; returns the function that stops following it. */
  subscribe<T = Record<string, Outputs>>(stack: string, listener: StackListener<T>): () => void {
    if (this.closed) {
      throw new Error("this StateSyncClient is closed");
    }
    let sub = this.subscriptions.get(stack);
    const isNew = sub === undefined;
    if (sub === undefined) {
      sub = { state: undefined, listeners: new Set() };
      this.subscriptions.set(stack, sub);
    }
    const l = listener as StackListener<unknown>;
    sub.listeners.add(l);
    if (sub.state !== undefined) {
      listener.onState(sub.state as CloudDOMState<T>);
    }
    if (this.socket === null && this.timer === null) {
      void this.connect();
    } else if (isNew && this.connected) {
      this.send({ type: "subscribe", stack });
    }
    return () => this.unsubscribe(stack, l);
  }

  /** Tells about the connection: now, and on every change. Returns the function that stops it. */
  onConnection(listener: ConnectionListener): () => void {
    this.connectionListeners.add(listener);
    listener(this.connected, this.lastError);
    return () => {
      this.connectionListeners.delete(listener);
    };
  }

  /** The state of a stack as last received, if any. */
  state<T = Record<string, Outputs>>(stack: string): CloudDOMState<T> | undefined {
    return this.subscriptions.get(stack)?.state as CloudDOMState<T> | undefined;
  }

  /** Disconnects for good: no reconnection, no more callbacks. */
  close(): void {
    this.closed = true;
    this.subscriptions.clear();
    this.disconnect();
    this.setConnected(false, null);
    this.connectionListeners.clear();
  }

  private unsubscribe(stack: string, listener: StackListener<unknown>): void {
    const sub = this.subscriptions.get(stack);
    if (!sub) {
      return;
    }
    sub.listeners.delete(listener);
    if (sub.listeners.size > 0) {
      return;
    }
    this.subscriptions.delete(stack);
    if (this.subscriptions.size === 0) {
      this.disconnect();
      this.setConnected(false, null);
    } else if (this.connected) {
      this.send({ type: "unsubscribe", stack });
    }
  }

  private disconnect(): void {
    this.generation++;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      // Closing before the handshake finished is an "error" to some implementations ('ws'): expected here.
      socket.onerror = () => {};
      try {
        socket.close(1000, "client done");
      } catch {
        // already closing
      }
    }
    this.attempt = 0;
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    let token: string;
    try {
      token = typeof this.options.token === "function" ? await this.options.token() : this.options.token;
    } catch (e) {
      if (generation === this.generation) {
        this.failed({ code: "connection", message: `cannot get the token: ${(e as Error).message}` });
      }
      return;
    }
    if (generation !== this.generation || this.closed) {
      return;
    }
    let socket: WebSocketLike;
    try {
      socket = new this.WebSocketImpl(this.url, [SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token]);
    } catch (e) {
      this.failed({ code: "connection", message: `cannot connect to ${this.url}: ${(e as Error).message}` });
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setConnected(true, null);
      for (const stack of this.subscriptions.keys()) {
        this.send({ type: "subscribe", stack });
      }
    };
    socket.onmessage = (event) => this.receive(typeof event.data === "string" ? event.data : String(event.data));
    socket.onerror = () => {
      // onclose follows with the code; nothing to add here
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      this.failed(event.code === CLOSE_TOO_SLOW
        ? { code: "too_slow", message: "the server dropped this client for falling behind; reconnecting" }
        : { code: "connection", message: `connection to ${this.url} closed (${event.code}${event.reason ? ": " + event.reason : ""}); `
            + "is `creact serve` running, and is the token right?" });
    };
  }

  /** A connection that failed or ended: tell, and try again after a back-off with jitter. */
  private failed(error: SyncError): void {
    this.setConnected(false, error);
    if (this.closed || this.subscriptions.size === 0) {
      return;
    }
    const initial = this.options.initialDelayMs ?? 500;
    const max = this.options.maxDelayMs ?? 15_000;
    const ceiling = Math.min(max, initial * 2 ** this.attempt);
    this.attempt++;
    // Equal jitter: between half the ceiling and all of it, so many clients of a restarted server spread out.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }

  private receive(text: string): void {
    let message: StateUpdateMessage | ErrorMessage;
    try {
      message = JSON.parse(text) as StateUpdateMessage | ErrorMessage;
    } catch {
      this.setConnected(this.connected, { code: "protocol", message: "the server sent a message that is not JSON" });
      return;
    }
    if (message.type === "error") {
      const error: SyncError = { code: message.code, message: message.message };
      const sub = message.stack ? this.subscriptions.get(message.stack) : undefined;
      if (sub) {
        sub.listeners.forEach((l) => l.onError?.(error));
      } else {
        this.setConnected(this.connected, error);
      }
      return;
    }
    if (message.type !== "state_update") {
      return;
    }
    const sub = this.subscriptions.get(message.stack);
    if (!sub) {
      return;
    }
    try {
      sub.state = applyUpdate(message.full ? undefined : sub.state, message);
    } catch (e) {
      this.setConnected(this.connected, { code: "protocol", message: (e as Error).message });
      return;
    }
    const state = sub.state;
    sub.listeners.forEach((l) => l.onState(state));
  }

  private send(message: { type: "subscribe" | "unsubscribe"; stack: string }): void {
    try {
      this.socket?.send(JSON.stringify(message));
    } catch {
      // the connection is going away: onclose reconnects and subscribes again
    }
  }

  private setConnected(connected: boolean, error: SyncError | null): void {
    this.connected = connected;
    this.lastError = error;
    this.connectionListeners.forEach((l) => l(connected, error));
  }
}
