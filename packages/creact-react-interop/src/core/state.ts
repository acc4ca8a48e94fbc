import { SCHEMA_VERSION, type CloudDOMState, type Outputs, type ResourceState, type StateUpdateMessage } from "./types.js";

/**
 * Applies one `state_update` to the state it follows (undefined before the first message): a full update
 * replaces everything; a delta puts its resources by id and drops the removed ones. Returns a new object
 * (never mutates), so React and Vue see a change.
 */
export function applyUpdate<T = Record<string, Outputs>>(
  previous: CloudDOMState<T> | undefined,
  message: StateUpdateMessage,
): CloudDOMState<T> {
  if (message.schemaVersion !== SCHEMA_VERSION) {
    throw new Error(`the server speaks state sync schema ${message.schemaVersion}; this client knows ${SCHEMA_VERSION}`);
  }
  let resources: ResourceState[];
  if (message.full || previous === undefined) {
    resources = message.resources.slice();
  } else {
    const byId = new Map(previous.resources.map((r) => [r.id, r] as const));
    for (const r of message.resources) {
      byId.set(r.id, r);
    }
    for (const id of message.removed) {
      byId.delete(id);
    }
    resources = [...byId.values()];
  }
  const outputs = (message.outputs ?? (message.full || previous === undefined ? {} : previous.outputs)) as T;
  return {
    stack: message.stack,
    status: message.status,
    resources,
    outputs,
    serial: message.serial,
    stateSerial: message.stateSerial,
    change: message.change,
    deploymentId: message.deploymentId,
    deploymentError: message.error,
    timestamp: message.timestamp,
  };
}
