import { onScopeDispose, readonly, ref, shallowRef, type DeepReadonly, type Ref } from "vue";
import {
  StateSyncClient,
  type ChangeInProgress,
  type CloudDOMState,
  type DeploymentStatus,
  type Outputs,
  type ResourceState,
  type StateSyncClientOptions,
  type SyncError,
} from "creact-react-interop/core";

export type { CloudDOMState, DeploymentStatus, ResourceState, StateSyncMessage, SyncError } from "creact-react-interop/core";
export { StateSyncClient } from "creact-react-interop/core";

export interface UseCReactContextOptions extends Partial<StateSyncClientOptions> {
  /** Share one connection between components: a client you made (and close) yourself. */
  client?: StateSyncClient;
}

export interface CReactContextRefs<T> {
  status: Readonly<Ref<DeploymentStatus | null>>;
  resources: Readonly<Ref<ResourceState[]>>;
  outputs: Readonly<Ref<T>>;
  error: Readonly<Ref<SyncError | null>>;
  connected: Readonly<Ref<boolean>>;
  loading: Readonly<Ref<boolean>>;
  change: Readonly<Ref<ChangeInProgress | null>>;
  state: Readonly<Ref<DeepReadonly<CloudDOMState<T>> | null>>;
  /** Stops following the stack (also done when the component or effect scope ends). */
  stop(): void;
}

/**
 * The live state of a creact stack as Vue refs, from a state sync server (`creact serve`): the same client
 * as the React hook (reconnection with back-off, resubscription), stopped when the calling component's
 * effect scope ends.
 *
 * ```ts
 * const { status, resources, outputs, connected } = useCReactContext<MyOutputs>("dev", { url, token });
 * ```
 */
export function useCReactContext<T = Record<string, Outputs>>(
  stack: string,
  options: UseCReactContextOptions = {},
): CReactContextRefs<T> {
  const status = ref<DeploymentStatus | null>(null);
  // shallowRef: each state is a new object from the client, and the arrays can be large.
  const resources = shallowRef<ResourceState[]>([]);
  const outputs = shallowRef({} as T);
  const error = shallowRef<SyncError | null>(null);
  const connected = ref(false);
  const loading = ref(true);
  const change = shallowRef<ChangeInProgress | null>(null);
  const state = shallowRef<CloudDOMState<T> | null>(null);

  const { client: shared, token, ...rest } = options;
  const client = shared ?? new StateSyncClient({
    ...rest,
    token: token ?? (() => {
      throw new Error("no token: pass options.token (printed by `creact serve`, kept in .creact/sync.json)");
    }),
  });
  const stopConnection = client.onConnection((isConnected, problem) => {
    connected.value = isConnected;
    if (problem || isConnected) {
      error.value = problem;
    }
  });
  const stopStack = client.subscribe<T>(stack, {
    onState: (next) => {
      state.value = next;
      status.value = next.status;
      resources.value = next.resources;
      outputs.value = next.outputs;
      change.value = next.change;
      loading.value = false;
      error.value = null;
    },
    onError: (problem) => {
      error.value = problem;
    },
  });
  let stopped = false;
  const stop = () => {
    if (stopped) {
      return;
    }
    stopped = true;
    stopStack();
    stopConnection();
    if (!shared) {
      client.close();
    }
  };
  onScopeDispose(stop);

  return {
    status: readonly(status),
    resources,
    outputs: outputs as Readonly<Ref<T>>,
    error,
    connected: readonly(connected),
    loading: readonly(loading),
    change,
    state: state as Readonly<Ref<DeepReadonly<CloudDOMState<T>> | null>>,
    stop,
  };
}
