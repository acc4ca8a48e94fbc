// The language-server benchmark of issue 5: keystroke to diagnostics, start-up and memory of the real
// `creact lsp` process, driven over stdio by a real LSP client (vscode-jsonrpc and
// vscode-languageserver-protocol, reused from server/src/test/node/node_modules: no new npm dependencies).
// Run by bench/lsp-latency.sh, which generates and deploys the stack and passes everything in the environment:
//   LSP_CMD        JSON array: the server's command line (java, flags, -jar creact.jar, lsp)
//   LSP_STACK      the generated stack's folder (infrastructure.tsx + components/service.tsx, deployed as "dev")
//   LSP_JCMD       path of jcmd (optional: JVM heap figures)
//   WARMUP EDITS MEM_EDITS PAUSE_MS GAP_MS   see bench/lsp-latency.sh
//   LSP_MEM_DETAIL  optional file: after the memory phase (before the full GC), the server's
//                   /proc/<pid>/smaps_rollup, VmHWM and thread count, and `jcmd VM.native_memory summary`
//                   (a table only when the server runs with -XX:NativeMemoryTracking=summary)
//   LSP_EDIT       what the edits change (default component):
//                    component  StackGenerator's stack: one line of components/service.tsx, the component every
//                               service uses (every instance re-renders; one resource, svc-0042.queue, changes)
//                    root       StackGenerator's stack: one <Service> element's prop in infrastructure.tsx
//                               (tier of svc-0042, alternately medium and large: svc-0042.db's size changes)
//                    flat       bench/stacks.py's one-component stack (`stacks.py creact DIR N --size`): the
//                               `size` prop of resource r0420, on its own line of infrastructure.tsx
// Prints Markdown on stdout, progress on stderr.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const here = path.dirname(new URL(import.meta.url).pathname);
const nodeModules = path.resolve(here, '../../server/src/test/node/node_modules');
const require = createRequire(path.join(nodeModules, 'noop.js'));
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol/node');

const CMD = JSON.parse(process.env.LSP_CMD);
const STACK = process.env.LSP_STACK;
const JCMD = process.env.LSP_JCMD || '';
const WARMUP = Number(process.env.WARMUP ?? 20);
const EDITS = Number(process.env.EDITS ?? 100);
const MEM_EDITS = Number(process.env.MEM_EDITS ?? 1000);
const PAUSE_MS = Number(process.env.PAUSE_MS ?? 40);   // between the memory phase's edits
const GAP_MS = Number(process.env.GAP_MS ?? 20);       // idle time after a measured edit's diagnostics
const REST_MS = Number(process.env.REST_MS ?? 2500);  // memory phase: wait after the last edit's diagnostics before the RSS
const HEAP_EVERY = Number(process.env.HEAP_EVERY ?? 0); // memory phase: jcmd heap figures every N edits (0: only at the end)
const DEBOUNCE_MS = 30;                                // CreactLanguageServer.DEBOUNCE
const TIMEOUT = Number(process.env.LSP_TIMEOUT_MS ?? 60_000); // a loaded machine needs more
const SERVICE = 42;                                    // the service whose queue the edits change

const log = (...a) => console.error('lsp-latency:', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const entryPath = path.join(STACK, 'infrastructure.tsx');
const servicePath = path.join(STACK, 'components', 'service.tsx');
const entryUri = pathToFileURL(entryPath).href;
const serviceUri = pathToFileURL(servicePath).href;
const MODE = process.env.LSP_EDIT ?? 'component';

// --- the server
const t0 = performance.now();
const server = spawn(CMD[0], CMD.slice(1), { cwd: STACK, stdio: ['pipe', 'pipe', 'pipe'] });
const pid = server.pid;
let stderr = '';
server.stderr.on('data', (d) => { stderr += d; if (stderr.length > 100_000) stderr = stderr.slice(-50_000); });
server.on('exit', (code, sig) => { if (!done) { log(`server exited early (${code ?? sig}); stderr:\n${stderr.slice(-3000)}`); process.exit(1); } });
let done = false;

const connection = rpc.createMessageConnection(
  new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
const logs = [];
const waiters = [];
let publishes = 0;
const latest = new Map();   // uri -> { diags, t }
connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
  const t = performance.now();
  publishes++;
  latest.set(p.uri, { diags: p.diagnostics, t });
  for (const w of [...waiters]) {
    if ((w.uri === null || w.uri === p.uri) && w.pred(p.diagnostics)) {
      waiters.splice(waiters.indexOf(w), 1);
      clearTimeout(w.timer);
      w.resolve(t);
    }
  }
});
connection.onNotification(lsp.LogMessageNotification.type, (m) => logs.push(m.message));
connection.onNotification(lsp.ShowMessageNotification.type, (m) => logs.push('show: ' + m.message));
connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
connection.onRequest(lsp.ConfigurationRequest.type, (p) => p.items.map(() => null));
connection.onRequest(lsp.RegistrationRequest.type, () => null);
connection.listen();

/** Resolves with the arrival time of the first publish for `uri` (from now on) whose diagnostics satisfy `pred`. */
function next(uri, pred, what) {
  return new Promise((resolve, reject) => {
    const w = { uri, pred, resolve };
    w.timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(w), 1);
      reject(new Error(`timed out waiting for ${what}; latest for ${uri}: `
        + JSON.stringify(latest.get(uri)?.diags?.slice(0, 5)?.map((d) => d.message))
        + `\nlog:\n${logs.slice(-20).join('\n')}\nstderr:\n${stderr.slice(-3000)}`));
    }, TIMEOUT);
    waiters.push(w);
  });
}

// --- the edits. Each mode names the file and line it edits, the line's text for the edit's value V (new each
// time), and the diagnostic that shows V: its resource id and a pattern of its message.
//   component: line `retentionDays: 7,` of components/service.tsx becomes `retentionDays: index === 42 ? V : 7,`,
//     so exactly one resource (svc-0042.queue) changes and its `~ update` diagnostic names the new value;
//   root: the `<Service key="svc-0042" …>` line of infrastructure.tsx gets `tier={TIERS[1]}` / `tier={TIERS[2]}`
//     in turn (deployed: TIERS[0], small): svc-0042.db shows `size: "small" → "medium"` / `→ "large"`;
//   flat: the `const r0420 = useInstance(…)` line gets `size: V` (deployed: 0).
const svc = `svc-${String(SERVICE).padStart(4, '0')}`;
const TIERS = ['small', 'medium', 'large'];
const MODES = {
  component: {
    path: servicePath, uri: serviceUri, line: /^\s*retentionDays: 7,\s*$/, first: 7, id: `${svc}.queue`,
    text: (line, v) => `${line.match(/^\s*/)[0]}retentionDays: index === ${SERVICE} ? ${v} : 7,`,
    shows: (v) => new RegExp(`retentionDays: 7 → ${v}(\\n|$)`),
    stack: `StackGenerator: 100 instances of a 10-resource component`,
    what: `\`retentionDays: index === ${SERVICE} ? V : 7,\` in components/service.tsx, the component every service uses (one prop of one resource changes; every instance's function source changed)`,
  },
  root: {
    path: entryPath, uri: entryUri, line: new RegExp(`^\\s*<Service key="${svc}" `), first: 0, id: `${svc}.db`,
    text: (line, v) => line.replace(/tier=\{[^}]*\}/, `tier={TIERS[${1 + (v % 2)}]}`),
    shows: (v) => new RegExp(`size: "?small"? → "?${TIERS[1 + (v % 2)]}"?(\\n|$)`),
    stack: 'StackGenerator: 100 instances of a 10-resource component',
    what: `the \`tier\` prop of \`<Service key="${svc}">\` in infrastructure.tsx, TIERS[1] and TIERS[2] in turn (one instance's prop; its db, env and cache change)`,
  },
  flat: {
    path: entryPath, uri: entryUri, line: /^\s*const r0420 = useInstance\(/, first: 0, id: 'r0420',
    text: (line, v) => line.replace(/size: \d+/, `size: ${v}`),
    shows: (v) => new RegExp(`size: \\d+ → ${v}(\\n|$)`),
    stack: 'bench/stacks.py: one component declaring 1,000 MockResources, resource i reading an output of i−10',
    what: '`size: V` of resource r0420, on its own line of infrastructure.tsx (one prop of one resource)',
  },
};
const M = MODES[MODE];
if (!M) throw new Error(`LSP_EDIT must be one of ${Object.keys(MODES).join(', ')}, got ${MODE}`);
const editText = fs.readFileSync(M.path, 'utf8');
const lines = editText.split('\n');
const editLine = lines.findIndex((l) => M.line.test(l));
if (editLine < 0) throw new Error(`no line matching ${M.line} in ${M.path} (LSP_EDIT=${MODE})`);
const originalLine = lines[editLine];
let currentLine = originalLine;
let version = 1;
let value = M.first;
const queueId = M.id;

/** Sends one edit; returns the promise of the arrival time of the diagnostics that show it, and the send time. */
function edit() {
  value += 1;
  version += 1;
  const text = M.text(originalLine, value);
  const re = M.shows(value);
  // any file: the diagnostic sits at the resource's useInstance call, wherever the edit was
  const shown = next(null, (ds) => ds.some((d) => d.message.includes(queueId) && re.test(d.message)),
    `diagnostics showing ${re}`);
  const range = { start: { line: editLine, character: 0 }, end: { line: editLine, character: currentLine.length } };
  currentLine = text;
  const sent = performance.now();
  connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: M.uri, version },
    contentChanges: [{ range, text }],
  });
  return { sent, shown };
}

/** The server's CPU time so far (user + system, ms), from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuMs() {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssKiB() {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) : NaN;
}

/** JVM heap used (KiB), as GC.heap_info reports it, and again after a full GC (the live set); null without jcmd. */
function heap() {
  if (!JCMD) return null;
  const used = () => {
    const out = execFileSync(JCMD, [String(pid), 'GC.heap_info'], { encoding: 'utf8' });
    let sum = 0;
    for (const m of out.matchAll(/^\s*(?:DefNew|Tenured|def new generation|tenured generation|garbage-first heap|PSYoungGen|ParOldGen)\s+total (?:reserved )?\d+K, (?:committed \d+K, )?used (\d+)K/gm)) sum += Number(m[1]);
    const meta = out.match(/Metaspace\s+used (\d+)K/);
    return { heap: sum, meta: meta ? Number(meta[1]) : NaN };
  };
  try {
    const before = used();
    execFileSync(JCMD, [String(pid), 'GC.run'], { encoding: 'utf8' });
    const after = used();
    return { used: before.heap, live: after.heap, meta: after.meta };
  } catch (e) {
    log('jcmd failed:', e.message);
    return null;
  }
}

/** Where the RSS is, for choosing the server's memory settings: smaps_rollup, peak RSS, threads, and NMT. */
function memoryDetail(file) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const parts = [
    status.split('\n').filter((l) => /^(VmRSS|VmHWM|RssAnon|RssFile|Threads):/.test(l)).join('\n'),
    fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'),
  ];
  if (JCMD) {
    try {
      parts.push(execFileSync(JCMD, [String(pid), 'VM.native_memory', 'summary', 'scale=MB'], { encoding: 'utf8' }));
    } catch (e) {
      parts.push(`jcmd VM.native_memory failed: ${e.message}`);
    }
  }
  fs.writeFileSync(file, parts.join('\n\n'));
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { n: s.length, median: s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2,
    p95: q(0.95), min: s[0], max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}
const f1 = (x) => x.toFixed(1);
const mib = (kib) => (Number.isFinite(kib) ? (kib / 1024).toFixed(1) : '–');

// --- start-up
const rootUri = pathToFileURL(STACK).href;
const firstEntry = next(entryUri, () => true, 'the first diagnostics of the entry');
const init = await connection.sendRequest(lsp.InitializeRequest.type, {
  processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'stack' }],
  capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } } },
  // LSP_EVAL_TIMEOUT_MS: a longer sandbox time limit, for a loaded machine where a 1,000-resource render passes 5 s.
  ...(process.env.LSP_EVAL_TIMEOUT_MS ? { initializationOptions: { evalTimeoutMs: Number(process.env.LSP_EVAL_TIMEOUT_MS) } } : {}),
});
const tInit = performance.now();
connection.sendNotification(lsp.InitializedNotification.type, {});
connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
  textDocument: { uri: entryUri, languageId: 'typescriptreact', version: 1, text: fs.readFileSync(entryPath, 'utf8') },
});
const tFirst = await firstEntry;
const startup = { init: tInit - t0, first: tFirst - t0 };
log(`server ${init.serverInfo?.name} ${init.serverInfo?.version}, pid ${pid}: initialize ${f1(startup.init)} ms, first diagnostics ${f1(startup.first)} ms`);
await sleep(200);   // the other files' diagnostics of the same evaluation follow the entry's
const planned = [...latest.values()].flatMap((x) => x.diags).filter((d) => String(d.code ?? '').startsWith('plan-')).length;
const problemsAtStart = [...latest.values()].flatMap((x) => x.diags).filter((d) => d.severity <= 2).map((d) => d.message);
if (problemsAtStart.length) log('problems at start:', problemsAtStart.slice(0, 5));
const rssStart = rssKiB();

// The editor opens the component too when the edits go there; its text is the file's.
if (M.uri !== entryUri) {
  connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: M.uri, languageId: 'typescriptreact', version: 1, text: editText },
  });
}
await sleep(500);

// --- warm-up and measured edits: one at a time, each waits for its diagnostics
async function measured(n) {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const { sent, shown } = edit();
    xs.push((await shown) - sent);
    await sleep(GAP_MS);
  }
  return xs;
}
log(`warm-up: ${WARMUP} edits`);
const warm = await measured(WARMUP);
const rssWarm = rssKiB();
const heapWarm = heap();
log(`measuring: ${EDITS} edits`);
const publishesBefore = publishes;
const cpuBefore = cpuMs();
const lat = await measured(EDITS);
const cpuMeasured = cpuMs() - cpuBefore;
const publishesDuring = publishes - publishesBefore;
const st = stats(lat);
log(`median ${f1(st.median)} ms, p95 ${f1(st.p95)} ms`);

// --- memory: MEM_EDITS edits PAUSE_MS apart (faster than an evaluation: most are superseded), then the last one's diagnostics
log(`memory: ${MEM_EDITS} edits ${PAUSE_MS} ms apart`);
const rssWarmAgain = rssKiB();
const trail = [[0, rssWarmAgain]];
const memStart = performance.now();
let last;
for (let i = 1; i <= MEM_EDITS; i++) {
  last = edit();
  last.shown.catch(() => {});      // superseded edits never get their own diagnostics
  if (i % 100 === 0) trail.push([i, rssKiB(), HEAP_EVERY && i % HEAP_EVERY === 0 ? heap() : null]);
  await sleep(PAUSE_MS);
}
// all but the last edit's waiters are stale: only the last value can still be shown
const tLastShown = last ? await last.shown : NaN;
for (const w of waiters.splice(0)) clearTimeout(w.timer);
const memSecs = (performance.now() - memStart) / 1000;
const lastLatency = last ? tLastShown - last.sent : NaN;
await sleep(REST_MS);   // at rest: the server hands the burst's heap back after a second without edits
const rssEnd = rssKiB();
const cpuEnd = cpuMs();
if (process.env.LSP_MEM_DETAIL) memoryDetail(process.env.LSP_MEM_DETAIL);
const heapEnd = heap();
const rssEndAfterGc = rssKiB();

// --- shut down
done = true;
try {
  await Promise.race([connection.sendRequest(lsp.ShutdownRequest.type), sleep(5000)]);
  connection.sendNotification(lsp.ExitNotification.type);
} catch { /* the process is killed below anyway */ }
await sleep(300);
server.kill();
connection.dispose();

// --- Markdown
const out = [];
const p = (s = '') => out.push(s);
p(`Server: ${init.serverInfo?.name} ${init.serverInfo?.version ?? ''}, pid ${pid}; command: \`${CMD.map((a) => a.replace(/^(-[^=]*=)?\/.*\/(creact\.jar|creact\.jsa|java)$/, (m, flag, f) => `${flag ?? ''}…/${f}`)).join(' ')}\`.`);
p(`Stack (LSP_EDIT=${MODE}): ${M.stack}, deployed once (mock provider) so that an edit shows as a \`~ update ${queueId}\` diagnostic; at start the plan had ${planned} changes${problemsAtStart.length ? `, problems: ${problemsAtStart.length}` : ''}.`);
p(`Edit: an incremental didChange replacing line ${editLine + 1} of ${path.relative(STACK, M.path)}: ${M.what}; V new each time. Latency = didChange written → the first publishDiagnostics whose \`~ update ${queueId}\` diagnostic shows V (the server sends no version with diagnostics, so the content is matched). ${WARMUP} warm-up edits, then ${EDITS} measured, one at a time, ${GAP_MS} ms idle after each one's diagnostics.`);
p();
p('#### Start-up');
p();
p('| what | ms |');
p('|---|---:|');
p(`| spawn → initialize answered | ${f1(startup.init)} |`);
p(`| spawn → first publishDiagnostics for the entry (1,000 resources planned) | ${f1(startup.first)} |`);
p();
p(`#### Keystroke → diagnostics (${EDITS} edits after ${WARMUP} warm-up edits), ms`);
p();
p('| | median | p95 | min | max | mean |');
p('|---|---:|---:|---:|---:|---:|');
p(`| keystroke → diagnostics | ${f1(st.median)} | ${f1(st.p95)} | ${f1(st.min)} | ${f1(st.max)} | ${f1(st.mean)} |`);
p(`| after the ${DEBOUNCE_MS} ms debounce | ${f1(st.median - DEBOUNCE_MS)} | ${f1(st.p95 - DEBOUNCE_MS)} | ${f1(st.min - DEBOUNCE_MS)} | ${f1(st.max - DEBOUNCE_MS)} | ${f1(st.mean - DEBOUNCE_MS)} |`);
const ws = stats(warm);
p(`| (warm-up edits, for comparison) | ${f1(ws.median)} | ${f1(ws.p95)} | ${f1(ws.min)} | ${f1(ws.max)} | ${f1(ws.mean)} |`);
p();
p(`Target: median under 50 ms after the debounce: **${st.median - DEBOUNCE_MS < 50 ? 'met' : 'not met'}** (${f1(st.median - DEBOUNCE_MS)} ms). The ${EDITS} measured edits produced ${publishesDuring} publishDiagnostics (${(publishesDuring / EDITS).toFixed(1)} per edit: one per file with diagnostics, entry included).`);
p();
p(`#### Memory of the server process`);
p();
p(`After warm-up, then ${MEM_EDITS} edits sent ${PAUSE_MS} ms apart (${memSecs.toFixed(1)} s; most evaluations are superseded by the next edit), waiting for the last one's diagnostics (${f1(lastLatency)} ms after it), then ${REST_MS} ms at rest (the server's pause collection runs after 1 s). RSS = VmRSS of /proc/<pid>/status. ${heapWarm ? 'Heap = `jcmd <pid> GC.heap_info` (the used figure of the G1 heap, or young + tenured for the Serial GC), then again after `jcmd <pid> GC.run` (the live set).' : 'No jcmd: no heap figures.'}`);
p();
p('| when | RSS MiB | heap used MiB | live heap after full GC MiB | metaspace MiB |');
p('|---|---:|---:|---:|---:|');
p(`| first diagnostics | ${mib(rssStart)} | | | |`);
p(`| after warm-up (${WARMUP} edits) | ${mib(rssWarm)} | ${heapWarm ? mib(heapWarm.used) : ''} | ${heapWarm ? mib(heapWarm.live) : ''} | ${heapWarm ? mib(heapWarm.meta) : ''} |`);
p(`| after the ${EDITS} measured edits | ${mib(rssWarmAgain)} | | | |`);
p(`| after ${MEM_EDITS} more edits | ${mib(rssEnd)} | ${heapEnd ? mib(heapEnd.used) : ''} | ${heapEnd ? mib(heapEnd.live) : ''} | ${heapEnd ? mib(heapEnd.meta) : ''} |`);
p(`| (same, after the full GC) | ${mib(rssEndAfterGc)} | | | |`);
p();
p(`RSS during the ${MEM_EDITS} edits (MiB, every 100 edits): ${trail.map(([i, r]) => `${i}: ${mib(r)}`).join(', ')}.`);
if (trail.some((x) => x[2])) {
  p();
  p(`Heap during the ${MEM_EDITS} edits (jcmd every ${HEAP_EVERY} edits; a full GC each time, so RSS is after it), MiB:`);
  p();
  p('| edits | RSS | heap used | live heap after full GC |');
  p('|---:|---:|---:|---:|');
  for (const [i, r, h] of trail) if (h) p(`| ${i} | ${mib(r)} | ${mib(h.used)} | ${mib(h.live)} |`);
}
p();
console.log(out.join('\n'));
const raw = process.env.LSP_RAW;
if (raw) fs.writeFileSync(raw, JSON.stringify({ mode: MODE, startup, warm, lat, trail, rssStart, rssWarm, rssWarmAgain, rssEnd, rssEndAfterGc, heapWarm, heapEnd, lastLatency, memSecs, cpuMeasured, cpuEnd }, null, 1));
process.exit(0);
