export * from "./types.js";
export { applyUpdate } from "./state.js";
export {
  DEFAULT_URL,
  StateSyncClient,
  webSocketUrl,
  type ConnectionListener,
  type StackListener,
  type StateSyncClientOptions,
  type WebSocketConstructor,
  type WebSocketLike,
} from "./client.js";
