// The hello stack: a small tour of creact.
//  - components nest, and each contributes a segment to the ids of the resources inside it;
//  - context passes the environment down without threading props;
//  - `key` names a resource or a component instance;
//  - one component may declare several resources;
//  - an output of one resource (a random suffix) is used by another (a file's content).
import { createContext, useContext, useInstance, useState } from "creact";
import { LocalDirectory, LocalFile, RandomId } from "creact/local";
import { Service } from "./components/service";
import settings from "./settings.json";

export const Env = createContext({ name: "dev", region: "local" });

function Site() {
  const env = useContext(Env);
  const [revision] = useState(1);
  const root = useInstance(LocalDirectory, { key: "root", path: `out/${env.name}` });
  const suffix = useInstance(RandomId, { key: "suffix", bytes: 4 });
  useInstance(LocalFile, {
    key: "index",
    path: `out/${env.name}/index.html`,
    content: `<h1>${settings.title}</h1><p>build ${suffix.outputs.hex}, revision ${revision}</p>`,
    dependsOn: [root],
  });
  return (
    <>
      <Service key="api" port={8080} />
      <Service key="worker" port={9090} />
    </>
  );
}

export default function App() {
  return (
    <Env.Provider value={{ name: "prod", region: "local" }}>
      <Site />
    </Env.Provider>
  );
}
