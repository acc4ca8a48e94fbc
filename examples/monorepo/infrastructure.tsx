// The monorepo: a root app that deploys three child apps, each a creact project of its own under apps/.
//  - the backend's URL flows to the frontend through its context, so the frontend deploys after the backend;
//  - the worker is deployed only when context.json says so (switch "worker" off and it is destroyed);
//  - the backend signals "migrations-done" after its deploy; the root writes what it heard to out/signals.json.
// Each child's resources live in their own stack, <stack>/<app> (`creact state list --stack dev/backend`).
import { useInstance } from "creact";
import { CReactApp } from "creact/app";
import { LocalFile } from "creact/local";
import context from "./context.json";

export default function Monorepo() {
  const heard: string[] = [];
  const backend = useInstance(CReactApp, {
    key: "backend",
    source: "./apps/backend",
    context: { env: context.env },
    onSignal: (name: string, payload: unknown) => heard.push(`${name} ${JSON.stringify(payload)}`),
  });
  useInstance(CReactApp, {
    key: "frontend",
    source: "./apps/frontend",
    context: { env: context.env, apiUrl: backend.outputs.url },
  });
  if (context.worker) {
    useInstance(CReactApp, {
      key: "worker",
      source: "./apps/worker",
      context: { env: context.env, apiUrl: backend.outputs.url },
    });
  }
  if (heard.length > 0) {
    useInstance(LocalFile, { key: "signals", path: "out/signals.txt", content: heard.join("\n") + "\n" });
  }
  return null;
}
