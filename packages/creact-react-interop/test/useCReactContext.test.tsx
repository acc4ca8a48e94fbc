// @vitest-environment jsdom
import { renderHook, waitFor } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useCReactContext, type WebSocketConstructor } from "../src/index.js";
import { deploy, removeProject, serve, tempProject, writeStack, type Serve } from "./creact.js";

// Updates arrive from the socket, outside React's act(); waitFor polls for them.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

/** jsdom's WebSocket (what a page has), counting connections and remembering them. */
function countingWebSocket() {
  const made: WebSocket[] = [];
  const Base = globalThis.WebSocket;
  class Counting extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      made.push(this);
    }
  }
  return { WebSocket: Counting as unknown as WebSocketConstructor, made };
}

type Outputs = Record<`r${number}`, { salt: string; n: number; id: string }>;

const wait = { timeout: 60_000, interval: 20 };

describe("useCReactContext against a real creact serve (in jsdom, with jsdom's WebSocket)", () => {
  let dir: string;
  let server: Serve;

  beforeAll(async () => {
    expect(globalThis.WebSocket).toBeDefined();
    dir = tempProject(4, "one");
    await deploy(dir);
    server = await serve(dir);
  });

  afterAll(async () => {
    await server?.stop();
    removeProject(dir);
  });

  it("is loading first, then has the status, the resources and typed outputs", async () => {
    const { result, unmount } = renderHook(() => useCReactContext<Outputs>("dev", { url: server.url, token: server.token }));
    expect(result.current.loading).toBe(true);
    expect(result.current.status).toBeNull();
    expect(result.current.resources).toEqual([]);
    await waitFor(() => expect(result.current.loading).toBe(false), wait);
    expect(result.current.connected).toBe(true);
    expect(result.current.error).toBeNull();
    expect(result.current.status).toBe("DEPLOYED");
    expect(result.current.resources.map((r) => `${r.id} ${r.status}`)).toEqual(["r0 DEPLOYED", "r1 DEPLOYED", "r2 DEPLOYED", "r3 DEPLOYED"]);
    const salt: string = result.current.outputs.r2.salt;
    expect(salt).toBe("one");
    unmount();
  });

  it("re-renders with a change that creact deploy makes, resource by resource, without remounting", async () => {
    const rendered: string[] = [];
    const { result, unmount } = renderHook(() => {
      const value = useCReactContext<Outputs>("dev", { url: server.url, token: () => server.token });
      rendered.push(`${value.status} ${value.resources.filter((r) => r.outputs.salt === "two").length}`);
      return value;
    });
    await waitFor(() => expect(result.current.status).toBe("DEPLOYED"), wait);
    writeStack(dir, 4, "two");
    await deploy(dir);
    await waitFor(() => expect(result.current.resources.every((r) => r.outputs.salt === "two" && r.status === "DEPLOYED")).toBe(true), wait);
    expect(result.current.status).toBe("DEPLOYED");
    expect(result.current.outputs.r0.salt).toBe("two");
    // It rendered while the deploy ran, with some resources already new: "APPLYING 1" or so.
    expect(rendered.some((r) => /^APPLYING [123]$/.test(r))).toBe(true);
    unmount();
  });

  it("reconnects after the server restarts, subscribes again, and shows the state deployed meanwhile", async () => {
    const { result, unmount } = renderHook(() => useCReactContext<Outputs>("dev", {
      url: server.ws, token: () => server.token, initialDelayMs: 100, maxDelayMs: 500,
    }));
    await waitFor(() => expect(result.current.connected).toBe(true), wait);
    const port = server.port;
    await server.stop();
    await waitFor(() => expect(result.current.connected).toBe(false), wait);
    expect(result.current.error?.code).toBe("connection");
    expect(result.current.resources.length).toBe(4); // the last state stays on screen meanwhile
    writeStack(dir, 4, "three");
    await deploy(dir);
    server = await serve(dir, port);
    await waitFor(() => expect(result.current.outputs.r1?.salt).toBe("three"), wait);
    expect(result.current.connected).toBe(true);
    expect(result.current.error).toBeNull();
    unmount();
  });

  it("closes its connection on unmount and does not reconnect", async () => {
    const { WebSocket, made } = countingWebSocket();
    const { result, unmount } = renderHook(() => useCReactContext<Outputs>("dev", { url: server.ws, token: server.token, WebSocket }));
    await waitFor(() => expect(result.current.connected).toBe(true), wait);
    expect(made.length).toBe(1);
    unmount();
    await waitFor(() => expect(made[0].readyState).toBe(made[0].CLOSED), wait);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(made.length).toBe(1);
  });

  it("a stack the server does not serve is an error in the hook, and the connection stays up", async () => {
    const { result, unmount } = renderHook(() => useCReactContext("no-such..stack", { url: server.ws, token: server.token }));
    await waitFor(() => expect(result.current.error?.code).toBe("invalid_stack"), wait);
    expect(result.current.loading).toBe(true);
    expect(result.current.connected).toBe(true);
    unmount();
  });
});
