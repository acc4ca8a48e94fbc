/** The state sync protocol, version 1 (docs/state-sync.md in the creact repository). */

export const SCHEMA_VERSION = 1;
/** The WebSocket subprotocol; the token travels as a second one, `creact-token.<token>`. */
export const SUBPROTOCOL = "creact.sync.v1";
export const TOKEN_SUBPROTOCOL_PREFIX = "creact-token.";
/** Close code of a client the server dropped for not keeping up. */
export const CLOSE_TOO_SLOW = 4008;

/** A stack's deployment status. PENDING also means "nothing deployed yet". */
export type DeploymentStatus = "PENDING" | "APPLYING" | "DEPLOYED" | "FAILED" | "ROLLED_BACK";

/** Where one resource stands. */
export type ResourceStatus = "PENDING" | "APPLYING" | "DEPLOYED" | "FAILED";

/** The operation planned or running on a resource. */
export type ResourceAction = "create" | "update" | "replace" | "delete";

export type Outputs = Record<string, unknown>;

/** One resource: its outputs only (state sync never carries props). */
export interface ResourceState {
  id: string;
  type: string;
  status: ResourceStatus;
  action?: ResourceAction;
  outputs: Outputs;
}

export interface ChangeInProgress {
  id: string;
  action: ResourceAction;
}

/** `state_update`: the whole state (`full`) or what changed since the last message of this stack. */
export interface StateUpdateMessage {
  type: "state_update";
  schemaVersion: number;
  stack: string;
  serial: number;
  stateSerial: number;
  status: DeploymentStatus;
  full: boolean;
  resources: ResourceState[];
  removed: string[];
  /** Present when full, and in a delta only when the stack's outputs changed. */
  outputs?: Record<string, unknown>;
  change: ChangeInProgress | null;
  deploymentId: string | null;
  error: string | null;
  timestamp: string;
}

export type ErrorCode =
  | "unauthorized"
  | "forbidden_origin"
  | "bad_message"
  | "invalid_stack"
  | "unknown_stack"
  | "state_unavailable"
  | "too_slow";

/** `error`: a request the server could not serve. */
export interface ErrorMessage {
  type: "error";
  schemaVersion: number;
  code: ErrorCode | string;
  message: string;
  stack?: string;
}

export interface SubscribeMessage {
  type: "subscribe";
  stack: string;
}

export interface UnsubscribeMessage {
  type: "unsubscribe";
  stack: string;
}

/** Every message of the protocol, both ways. */
export type StateSyncMessage = StateUpdateMessage | ErrorMessage | SubscribeMessage | UnsubscribeMessage;

/**
 * The live state of one stack, as a client keeps it. `T` types the stack's outputs (today: the outputs
 * of each deployed resource, by resource id).
 */
export interface CloudDOMState<T = Record<string, Outputs>> {
  stack: string;
  status: DeploymentStatus;
  /** In the order the server sent them (the stack's declaration order). */
  resources: ResourceState[];
  outputs: T;
  serial: number;
  stateSerial: number;
  change: ChangeInProgress | null;
  deploymentId: string | null;
  /** Why the last deployment stopped, when it failed. */
  deploymentError: string | null;
  timestamp: string;
}

/** A problem of the connection or the subscription. */
export interface SyncError {
  code: ErrorCode | "connection" | "protocol" | string;
  message: string;
}
