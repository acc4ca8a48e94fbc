import { useContext, useInstance } from "creact";
import { LocalFile } from "creact/local";
import { Env } from "../infrastructure";

/** One service: its config file, named after the service's key. */
export function Service({ port }: { port: number }) {
  const env = useContext(Env);
  useInstance(LocalFile, {
    key: "config",
    path: `out/${env.name}/${port}.properties`,
    content: `port=${port}\nenv=${env.name}\n`,
    mode: "644",
  });
  return null;
}
