// `creact/local`: resources on this machine (files, folders, random ids, commands).
import { defineConstruct } from "creact";

/** A file under the project root. Changing its path replaces it; content and mode update it in place. */
export const LocalFile = defineConstruct("local:File", {
  props: {
    path: { type: "string", required: true, replaces: true },
    content: { type: "string", safe: true },
    mode: { type: "string|number", safe: true },
  },
  outputs: ["path", "sha256"],
  additionalProps: false,
});

/** A folder under the project root. */
export const LocalDirectory = defineConstruct("local:Directory", {
  props: { path: { type: "string", required: true, replaces: true } },
  outputs: ["path"],
  additionalProps: false,
});

/** Random bytes as hex, generated once and kept; a change of `keepers` makes new ones. */
export const RandomId = defineConstruct("local:RandomId", {
  props: {
    bytes: { type: "number", required: true, replaces: true },
    keepers: { type: "object", replaces: true },
  },
  outputs: ["hex"],
  additionalProps: false,
});

/** Runs `create` when created and `destroy` when deleted, as real processes. */
export const Exec = defineConstruct("local:Exec", {
  props: {
    create: { type: "string", required: true, replaces: true },
    destroy: { type: "string" },
    cwd: { type: "string", replaces: true },
    timeoutMs: { type: "number", safe: true },
  },
  outputs: ["stdout", "exitCode"],
  additionalProps: false,
});
