// The worker: deployed only when the root's context.json turns it on.
import { useInstance } from "creact";
import { useAppContext } from "creact/app";
import { LocalFile } from "creact/local";

export default function Worker() {
  const ctx = useAppContext({ env: "dev", apiUrl: "http://localhost:8080" });
  useInstance(LocalFile, { key: "jobs", path: "out/worker.json", content: JSON.stringify({ env: ctx.env, api: ctx.apiUrl }) + "\n" });
  return null;
}
