// A small stack whose deployments are logged by the telemetry extension in telemetry.js.
import { useInstance } from "creact";
import { LocalFile } from "creact/local";
import { MockResource } from "creact/mock";

export default function App() {
  const db = useInstance(MockResource, { key: "db", engine: "postgres" });
  useInstance(LocalFile, { key: "env", path: "out/app.env", content: `DATABASE=${db.outputs.id}\n` });
  return null;
}
