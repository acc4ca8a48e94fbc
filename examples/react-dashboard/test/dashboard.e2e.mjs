// The dashboard in a real browser (Debian's Chromium driven by playwright-core) against a real
// `creact serve`, while a real `creact deploy` changes the stack: it shows the resources, then the
// deploy's change appears without a reload. Screenshots go to target/.
//   CREACT_JAVA, CREACT_JAR: the Java and the creact jar (defaults: java, ../../cli/target/creact.jar)
//   CHROMIUM: the browser (default /usr/bin/chromium)
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { createServer } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
const app = resolve(here, "..");
const target = join(app, "target");
const JAR = process.env.CREACT_JAR ?? resolve(app, "../../cli/target/creact.jar");
const JAVA = process.env.CREACT_JAVA ?? "java";
const JVM = ["--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-XX:+UseSerialGC",
  "-XX:TieredStopAtLevel=1", "-jar", JAR];
const RESOURCES = 8;

function writeStack(dir, salt) {
  const lines = [`import { useInstance } from "creact";`, `import { MockResource } from "creact/mock";`,
    `export default function App() {`, `  const db = useInstance(MockResource, { key: "db", latencyMs: 150, salt: "${salt}" });`];
  for (let i = 1; i < RESOURCES; i++) {
    lines.push(`  useInstance(MockResource, { key: "svc-${i}", latencyMs: 150, salt: "${salt}", db: \`\${db.outputs.id}\` });`);
  }
  lines.push("  return null;", "}");
  writeFileSync(join(dir, "infrastructure.tsx"), lines.join("\n") + "\n");
  writeFileSync(join(dir, "creact.config.json"), `{ "parallelism": 2 }\n`);
}

const run = promisify(execFile);
const deploy = (dir) => run(JAVA, [...JVM, "deploy", "--auto-approve"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });

async function serve(dir) {
  const child = spawn(JAVA, [...JVM, "serve", "--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const file = join(dir, ".creact", "sync.json");
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    if (child.exitCode !== null) throw new Error(`creact serve exited: ${output}`);
    try {
      if (JSON.parse(readFileSync(file, "utf8")).pid === child.pid) return child;
    } catch { /* not there yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`creact serve did not start: ${output}`);
}

let dir, server, vite, browser;

before(async () => {
  assert.ok(existsSync(JAR), `${JAR} is missing: build it first (bin/creact --version)`);
  mkdirSync(target, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "creact-dashboard-"));
  writeStack(dir, "one");
  await deploy(dir);
  server = await serve(dir);
  process.env.CREACT_PROJECT = dir;
  vite = await createServer({ root: app, configFile: join(app, "vite.config.ts"), logLevel: "warn",
    server: { port: 0, host: "127.0.0.1" } });
  await vite.listen();
  // A fresh profile each run; no background traffic (this machine's network is closed).
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "creact-chromium-")), {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1200, height: 800 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await vite?.close();
  if (server && server.exitCode === null) {
    await new Promise((done) => { server.once("exit", done); server.kill("SIGTERM"); });
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the dashboard shows the stack's resources, then a change made by creact deploy appears without a reload", { timeout: 180_000 }, async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  const url = vite.resolvedUrls.local[0];
  await page.goto(url);
  await page.waitForSelector(`[data-testid=resource] >> nth=${RESOURCES - 1}`, { timeout: 60_000 });
  assert.equal(await page.textContent("[data-testid=status]"), "DEPLOYED");
  assert.equal(await page.locator("[data-testid=resource]").count(), RESOURCES);
  assert.equal(await page.locator("[data-testid=resource][data-status=DEPLOYED]").count(), RESOURCES);
  assert.match(await page.textContent("[data-id=db] [data-output=salt]"), /one/);
  assert.match(await page.textContent("[data-testid=connection]"), /live/);
  await page.screenshot({ path: join(target, "dashboard-deployed.png"), fullPage: true });

  // A marker that a reload would wipe, and a record of every status the page shows.
  await page.evaluate(() => {
    window.__noReload = true;
    window.__statuses = [];
    const note = () => window.__statuses.push(document.querySelector("[data-testid=status]")?.textContent);
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  writeStack(dir, "two");
  const deploying = deploy(dir);
  await page.waitForSelector("[data-testid=status]:has-text('APPLYING')", { timeout: 60_000 });
  await page.screenshot({ path: join(target, "dashboard-applying.png"), fullPage: true });
  await deploying;
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=resource][data-status=DEPLOYED] [data-output=salt]").length === n
      && [...document.querySelectorAll("[data-output=salt]")].every((e) => e.textContent.includes("two"))
      && document.querySelector("[data-testid=status]").textContent === "DEPLOYED", RESOURCES, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => window.__noReload), true, "the page was not reloaded");
  const statuses = await page.evaluate(() => window.__statuses);
  assert.ok(statuses.includes("APPLYING") && statuses.at(-1) === "DEPLOYED", `statuses shown: ${[...new Set(statuses)]}`);
  assert.equal(await page.textContent("[data-testid=state-serial]"), "2");
  await page.screenshot({ path: join(target, "dashboard.png"), fullPage: true });
  assert.deepEqual(problems, []);
});

test("without a running server the dashboard says what to do", { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  await page.goto(`${vite.resolvedUrls.local[0]}?url=http://127.0.0.1:9&token=${"x".repeat(20)}`);
  await page.waitForSelector("[data-testid=error], [data-testid=loading]", { timeout: 30_000 });
  await page.waitForSelector("[data-testid=error]", { timeout: 30_000 });
  assert.match(await page.textContent("[data-testid=error]"), /creact serve/);
  await page.screenshot({ path: join(target, "dashboard-error.png") });
});
