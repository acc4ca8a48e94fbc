// The frontend: its configuration holds the backend's URL, which the parent passes down.
import { useInstance } from "creact";
import { useAppContext, useAppOutputs } from "creact/app";
import { LocalFile } from "creact/local";

export default function Frontend() {
  const ctx = useAppContext({ env: "dev", apiUrl: "http://localhost:8080" });
  const config = useInstance(LocalFile, {
    key: "config",
    path: "out/config.json",
    content: JSON.stringify({ env: ctx.env, apiUrl: ctx.apiUrl }) + "\n",
  });
  useAppOutputs({ config: config.outputs.path });
  return null;
}
