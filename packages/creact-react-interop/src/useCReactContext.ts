import { useEffect, useRef, useState } from "react";
import { StateSyncClient, type StateSyncClientOptions } from "./core/client.js";
import type { ChangeInProgress, CloudDOMState, DeploymentStatus, Outputs, ResourceState, SyncError } from "./core/types.js";

export interface UseCReactContextOptions extends Partial<StateSyncClientOptions> {
  /** Share one connection between hooks: a client you made (and close) yourself. */
  client?: StateSyncClient;
}

export interface CReactContextValue<T> {
  /** The stack's deployment status; null until the first state arrived. */
  status: DeploymentStatus | null;
  resources: ResourceState[];
  /** The stack's outputs (today: each deployed resource's outputs, by resource id); `{}` until loaded. */
  outputs: T;
  /** The last problem: the connection, the token, or the server's answer (such as `unknown_stack`). */
  error: SyncError | null;
  /** Whether the connection to the server is open. */
  connected: boolean;
  /** True until the first state arrived. */
  loading: boolean;
  /** The operation the last update was about, or null. */
  change: ChangeInProgress | null;
  /** The whole state as last received, or null. */
  state: CloudDOMState<T> | null;
}

/**
 * The live state of a creact stack, from a state sync server (`creact serve`). Re-renders on every change
 * (a deploy shows resource by resource), reconnects with back-off when the server goes away and
 * subscribes again, and disconnects when the component unmounts.
 *
 * ```tsx
 * const { status, resources, outputs, error, connected } =
 *   useCReactContext<{ "site.api.config": { path: string } }>("dev", { url, token });
 * ```
 */
export function useCReactContext<T = Record<string, Outputs>>(
  stack: string,
  options: UseCReactContextOptions = {},
): CReactContextValue<T> {
  const [state, setState] = useState<CloudDOMState<T> | null>(null);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<SyncError | null>(null);
  // The token may be a new function on every render; read the latest one when connecting.
  const tokenRef = useRef(options.token);
  tokenRef.current = options.token;
  const { client: shared, url, WebSocket, initialDelayMs, maxDelayMs } = options;

  useEffect(() => {
    setState(null);
    setError(null);
    const client = shared ?? new StateSyncClient({
      url,
      WebSocket,
      initialDelayMs,
      maxDelayMs,
      token: () => {
        const t = tokenRef.current;
        if (t === undefined) {
          throw new Error("no token: pass options.token (printed by `creact serve`, kept in .creact/sync.json)");
        }
        return typeof t === "function" ? t() : t;
      },
    });
    const stopConnection = client.onConnection((isConnected, problem) => {
      setConnected(isConnected);
      if (problem || isConnected) {
        setError(problem);
      }
    });
    const stopStack = client.subscribe<T>(stack, {
      onState: (next) => {
        setState(next);
        setError(null);
      },
      onError: (problem) => setError(problem),
    });
    return () => {
      stopStack();
      stopConnection();
      if (!shared) {
        client.close();
      }
    };
  }, [stack, shared, url, WebSocket, initialDelayMs, maxDelayMs]);

  return {
    status: state?.status ?? null,
    resources: state?.resources ?? [],
    outputs: (state?.outputs ?? {}) as T,
    error,
    connected,
    loading: state === null,
    change: state?.change ?? null,
    state,
  };
}
