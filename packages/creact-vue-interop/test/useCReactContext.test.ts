import { effectScope, watch } from "vue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { useCReactContext } from "../src/index.js";
import type { WebSocketConstructor } from "creact-react-interop/core";
import { deploy, eventually, removeProject, serve, tempProject, writeStack, type Serve } from "../../creact-react-interop/test/creact.js";

type Outputs = Record<string, { salt: string; n: number }>;

describe("Vue useCReactContext against a real creact serve", () => {
  let dir: string;
  let server: Serve;

  beforeAll(async () => {
    dir = tempProject(4, "one");
    await deploy(dir);
    server = await serve(dir);
  });

  afterAll(async () => {
    await server?.stop();
    removeProject(dir);
  });

  it("fills its refs from the server, follows a deploy, and disconnects when its scope stops", async () => {
    const made: WebSocket[] = [];
    class Counting extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        made.push(this);
      }
    }
    const scope = effectScope();
    const refs = scope.run(() => useCReactContext<Outputs>("dev", {
      url: server.url, token: server.token, WebSocket: Counting as unknown as WebSocketConstructor,
    }))!;
    expect(refs.loading.value).toBe(true);
    await eventually(() => refs.status.value === "DEPLOYED", 30_000, "the first state");
    expect(refs.connected.value).toBe(true);
    expect(refs.resources.value.map((r) => r.id)).toEqual(["r0", "r1", "r2", "r3"]);
    expect(refs.outputs.value["r2"].salt).toBe("one");

    const statuses: string[] = [];
    scope.run(() => watch(refs.state, (s) => statuses.push(String(s?.status)), { flush: "sync" }));
    writeStack(dir, 4, "two");
    await deploy(dir);
    await eventually(() => refs.resources.value.every((r) => r.outputs.salt === "two") && refs.status.value === "DEPLOYED",
      30_000, "the deploy's result");
    expect(statuses).toContain("APPLYING");
    expect(refs.outputs.value["r0"].salt).toBe("two");

    scope.stop();
    await eventually(() => made[0].readyState === WebSocket.CLOSED, 30_000, "the socket closing");
    expect(refs.connected.value).toBe(false);
    expect(made.length).toBe(1);
  });
});
