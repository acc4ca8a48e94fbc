/**
 * The real creact command for tests: a temporary project of mock resources, `creact deploy` and
 * `creact serve` as processes of the jar (cli/target/creact.jar unless CREACT_JAR says otherwise).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
export const JAR = process.env.CREACT_JAR ?? resolve(here, "../../../cli/target/creact.jar");
export const JAVA = process.env.CREACT_JAVA ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java");
const JVM = ["--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-XX:+UseSerialGC",
  "-XX:TieredStopAtLevel=1", "-jar", JAR];

if (!existsSync(JAR)) {
  throw new Error(`${JAR} is missing: build it first (bin/creact --version builds it)`);
}

/**
 * n MockResources r0..r(n-1) whose output `salt` tells which deploy made them, and as the stack's outputs
 * (useStackOutputs) each one's salt and n by its id.
 */
export function writeStack(dir: string, n: number, salt: string): void {
  const lines = [
    `import { useInstance, useStackOutputs } from "creact";`,
    `import { MockResource } from "creact/mock";`,
    `export default function App() {`,
    `  const outputs: Record<string, unknown> = {};`,
  ];
  for (let i = 0; i < n; i++) {
    lines.push(`  const r${i} = useInstance(MockResource, { key: "r${i}", latencyMs: 20, salt: "${salt}", n: ${i} });`);
    lines.push(`  outputs.r${i} = { salt: r${i}.outputs.salt, n: r${i}.outputs.n };`);
  }
  lines.push("  useStackOutputs(outputs);", "  return null;", "}");
  writeFileSync(join(dir, "infrastructure.tsx"), lines.join("\n") + "\n");
  writeFileSync(join(dir, "creact.config.json"), `{ "parallelism": 2 }\n`);
}

export function tempProject(n: number, salt: string): string {
  const dir = mkdtempSync(join(tmpdir(), "creact-sync-"));
  writeStack(dir, n, salt);
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

const run = promisify(execFile);

/** `creact deploy --auto-approve` in the project, as a separate process. */
export async function deploy(dir: string): Promise<void> {
  await run(JAVA, [...JVM, "deploy", "--auto-approve"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
}

export interface Serve {
  process: ChildProcess;
  url: string;
  ws: string;
  token: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts `creact serve` in the project and resolves once it wrote .creact/sync.json for itself. */
export async function serve(dir: string, port = 0): Promise<Serve> {
  const child = spawn(JAVA, [...JVM, "serve", "--port", String(port)], { cwd: dir, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" } });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const file = join(dir, ".creact", "sync.json");
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`creact serve exited with ${child.exitCode}: ${output}`);
    }
    if (existsSync(file)) {
      try {
        const info = JSON.parse(readFileSync(file, "utf8"));
        if (info.pid === child.pid) {
          return {
            process: child, url: info.url, ws: info.ws, token: info.token, port: info.port,
            stop: () => new Promise((done) => {
              if (child.exitCode !== null) {
                return done();
              }
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
          };
        }
      } catch {
        // being written: read again
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`creact serve did not start within 60 s: ${output}`);
}

/** Resolves when `check` holds, polling; rejects after `ms` (a hung test, not a slow one). */
export async function eventually(check: () => boolean, ms = 60_000, what = "the condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within ${ms / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
