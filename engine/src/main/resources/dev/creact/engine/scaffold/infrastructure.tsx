// Your stack. `creact plan` shows what would change; `creact deploy` makes it so.
// The default export is the root component; each useInstance call declares one resource.
import { createContext, useContext, useInstance } from "creact";
import { LocalFile, RandomId } from "creact/local";

// Context passes settings down the tree without threading props through every component.
const Env = createContext({ name: "dev" });

function Config({ file }: { file: string }) {
  const env = useContext(Env);
  // A random suffix, generated once and kept in the stack's state.
  const suffix = useInstance(RandomId, { key: "suffix", bytes: 4 });
  // The file embeds the suffix's output: until the suffix exists the plan shows
  // "(known after deploy)", and the file is written after the suffix is created.
  useInstance(LocalFile, {
    key: "config",
    path: `out/${env.name}/${file}`,
    content: `env=${env.name}\nid=${suffix.outputs.hex}\n`,
  });
  return null;
}

export default function App() {
  return (
    <Env.Provider value={{ name: "dev" }}>
      <Config file="app.properties" />
    </Env.Provider>
  );
}
