// The backend: an API whose URL the parent passes on to the frontend. Deployable on its own too
// (`creact deploy` in this folder uses the default context).
import { useInstance } from "creact";
import { useAppContext, useAppOutputs, useSignal } from "creact/app";
import { LocalFile, RandomId } from "creact/local";

export default function Backend() {
  const ctx = useAppContext({ env: "dev" });
  const suffix = useInstance(RandomId, { key: "suffix", bytes: 4 });
  const url = `https://api-${suffix.outputs.hex}.${ctx.env}.example.internal`;
  useInstance(LocalFile, { key: "api", path: "out/api.json", content: JSON.stringify({ env: ctx.env, url }) + "\n" });
  useAppOutputs({ url });
  useSignal()("migrations-done", { version: 3 });
  return null;
}
