import { useInstance } from "creact";
import { HelmRelease } from "creact/helm";
import { LocalFile } from "creact/local";

// A Helm chart as a creact resource: the release's outputs (revision, status, the objects it made)
// feed a local file. values are checked against the chart's values.schema.json when the stack is built.
export default function Web() {
  const web = useInstance(HelmRelease, {
    key: "web",
    chart: "./charts/nginx",
    namespace: "web",
    values: { replicaCount: 2, service: { port: 8080 } },
  });
  useInstance(LocalFile, {
    key: "release",
    path: "out/release.txt",
    content: `release ${web.outputs.name} revision ${web.outputs.revision} (${web.outputs.status}): ${web.outputs.resources}\n`,
  });
  return null;
}
