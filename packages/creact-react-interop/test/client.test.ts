import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { StateSyncClient, type CloudDOMState, type SyncError, type WebSocketConstructor } from "../src/core/index.js";
import { deploy, eventually, removeProject, serve, tempProject, writeStack, type Serve } from "./creact.js";

/** The `ws` package's WebSocket, counting how many connections were opened. */
function countingWebSocket() {
  const made: WebSocket[] = [];
  class Counting extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      made.push(this);
    }
  }
  return { WebSocket: Counting as unknown as WebSocketConstructor, made };
}

describe("StateSyncClient against a real creact serve", () => {
  let dir: string;
  let server: Serve;

  beforeAll(async () => {
    dir = tempProject(6, "one");
    await deploy(dir);
    server = await serve(dir);
  });

  afterAll(async () => {
    await server?.stop();
    removeProject(dir);
  });

  it("gets the whole state on subscribe, then follows a deploy resource by resource", async () => {
    const client = new StateSyncClient({ url: server.ws, token: server.token, WebSocket: WebSocket as unknown as WebSocketConstructor });
    const states: CloudDOMState[] = [];
    client.subscribe("dev", { onState: (s) => states.push(s) });
    await eventually(() => states.length > 0, 30_000, "the first state");
    expect(client.connected).toBe(true);
    expect(states[0].status).toBe("DEPLOYED");
    expect(states[0].resources.map((r) => r.id)).toEqual(["r0", "r1", "r2", "r3", "r4", "r5"]);
    expect(states[0].outputs["r3"]).toMatchObject({ salt: "one", n: 3 });

    writeStack(dir, 6, "two");
    await deploy(dir);
    // The deploy settles in two state writes: the resources, then the stack outputs that read their new outputs.
    const settled = (salt: string) => () => {
      const s = states.at(-1)!;
      return s.status === "DEPLOYED" && s.resources.every((r) => r.outputs.salt === salt)
        && (s.outputs["r0"] as { salt?: string } | undefined)?.salt === salt;
    };
    await eventually(settled("two"), 30_000, "the second deploy");
    expect(states.at(-1)!.stateSerial).toBeGreaterThan(states[0].stateSerial);
    const during = states.filter((s) => s.status === "APPLYING");
    expect(during.length).toBeGreaterThan(1);
    expect(during.some((s) => s.resources.some((r) => r.status === "DEPLOYED" && r.outputs.salt === "two")
      && s.resources.some((r) => r.outputs.salt === "one"))).toBe(true); // half-way: some new, some old
    for (let i = 1; i < states.length; i++) {
      expect(states[i].serial).toBe(states[i - 1].serial + 1);
    }
    const last = states.at(-1)!;
    expect(last.resources.every((r) => r.status === "DEPLOYED" && r.outputs.salt === "two")).toBe(true);
    expect(last.outputs["r0"]).toMatchObject({ salt: "two" });
    client.close();
  });

  it("reconnects with back-off after the server restarts, subscribes again and gets the new state", async () => {
    const client = new StateSyncClient({ url: server.url, token: server.token, initialDelayMs: 100, maxDelayMs: 1000,
      WebSocket: WebSocket as unknown as WebSocketConstructor });
    const states: CloudDOMState[] = [];
    const connection: boolean[] = [];
    client.onConnection((c) => connection.push(c));
    client.subscribe("dev", { onState: (s) => states.push(s) });
    await eventually(() => states.length > 0, 30_000, "the first state");
    const before = states.at(-1)!.stateSerial;

    const port = server.port;
    await server.stop();
    await eventually(() => !client.connected, 30_000, "noticing the server went away");
    writeStack(dir, 6, "three");
    await deploy(dir); // while no server runs
    server = await serve(dir, port);
    await eventually(() => states.at(-1)!.stateSerial > before && states.at(-1)!.status === "DEPLOYED"
      && states.at(-1)!.resources[0].outputs.salt === "three", 60_000, "the state after the restart");
    expect(client.connected).toBe(true);
    // Connected, lost (every failed attempt while the server was down says so again), connected again.
    expect(connection.filter((c, i) => i === 0 || c !== connection[i - 1])).toEqual([false, true, false, true]);
    expect(states.at(-1)!.resources[0].outputs.salt).toBe("three");
    client.close();
  });

  it("with a wrong token it does not connect, says why, and keeps trying until closed", async () => {
    const { WebSocket: Counting, made } = countingWebSocket();
    const client = new StateSyncClient({ url: server.ws, token: "wrong-token-0123456789", initialDelayMs: 50, maxDelayMs: 100,
      WebSocket: Counting });
    const errors: (SyncError | null)[] = [];
    client.onConnection((_, e) => errors.push(e));
    client.subscribe("dev", { onState: () => { throw new Error("no state may arrive"); } });
    await eventually(() => made.length >= 3, 30_000, "three attempts");
    expect(client.connected).toBe(false);
    expect(errors.at(-1)?.code).toBe("connection");
    expect(errors.at(-1)?.message).toContain("token");
    client.close();
    const attempts = made.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(made.length).toBe(attempts);
  });

  it("ending the last subscription closes the connection; an unknown stack is an error for that stack only", async () => {
    const { WebSocket: Counting, made } = countingWebSocket();
    const client = new StateSyncClient({ url: server.ws, token: server.token, WebSocket: Counting });
    const states: CloudDOMState[] = [];
    const stopDev = client.subscribe("dev", { onState: (s) => states.push(s) });
    await eventually(() => states.length > 0, 30_000, "the first state");
    const problems: SyncError[] = [];
    const stopBad = client.subscribe("bad..name", { onState: () => {}, onError: (e) => problems.push(e) });
    await eventually(() => problems.length > 0, 30_000, "the error");
    expect(problems[0].code).toBe("invalid_stack");
    expect(client.connected).toBe(true);
    stopBad();
    stopDev();
    await eventually(() => made[0].readyState === WebSocket.CLOSED, 30_000, "the socket closing");
    expect(made.length).toBe(1);
    expect(client.connected).toBe(false);
  });
});
