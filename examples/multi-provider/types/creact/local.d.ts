// Type declarations for `creact/local`: resources on this machine (LocalFile, LocalDirectory,
// RandomId, Exec). Paths are relative to the project root.

declare module "creact/local" {
  import type { Construct } from "creact";

  export interface LocalFileProps {
    /** Changing it replaces the file. */
    path: string;
    content?: string;
    mode?: string | number;
  }
  export interface LocalFileOutputs {
    /** The absolute path. */
    path: string;
    sha256: string;
  }
  /** A file under the project root (type "local:File"). */
  export const LocalFile: Construct<LocalFileProps, LocalFileOutputs>;

  export interface LocalDirectoryProps {
    path: string;
  }
  export interface LocalDirectoryOutputs {
    path: string;
  }
  /** A folder under the project root (type "local:Directory"). */
  export const LocalDirectory: Construct<LocalDirectoryProps, LocalDirectoryOutputs>;

  export interface RandomIdProps {
    /** How many random bytes. */
    bytes: number;
    /** A change of keepers makes a new id. */
    keepers?: Record<string, unknown>;
  }
  export interface RandomIdOutputs {
    /** The bytes as hex; stable once created. */
    hex: string;
  }
  /** Random bytes as hex, generated once and kept (type "local:RandomId"). */
  export const RandomId: Construct<RandomIdProps, RandomIdOutputs>;

  export interface ExecProps {
    /** Command run when the resource is created. */
    create: string;
    /** Command run when the resource is deleted. */
    destroy?: string;
    cwd?: string;
    timeoutMs?: number;
  }
  export interface ExecOutputs {
    stdout: string;
    exitCode: number;
  }
  /** Runs `create` when created and `destroy` when deleted, as real processes (type "local:Exec"). */
  export const Exec: Construct<ExecProps, ExecOutputs>;
}
