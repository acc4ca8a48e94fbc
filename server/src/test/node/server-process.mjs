// What the LSP test files share about the server process they drive.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const lsp = require('vscode-languageserver-protocol/node');

/**
 * Asks the server to shut down and exit, as an editor does on close, and resolves with its exit code
 * ('killed' when it had not exited 10 s later).
 */
export async function stopServer(connection, server) {
  if (connection) {
    try {
      await connection.sendRequest(lsp.ShutdownRequest.type);
      await connection.sendNotification(lsp.ExitNotification.type);
    } catch { /* reported by the tests */ }
  }
  const exited = await new Promise((resolve) => {
    if (!server || server.exitCode !== null) return resolve(server?.exitCode);
    const t = setTimeout(() => { server.kill(); resolve('killed'); }, 10_000);
    server.on('exit', (code) => { clearTimeout(t); resolve(code); });
  });
  connection?.dispose();
  return exited;
}

/** An infrastructure.tsx of `count` MockResources r0…r{count-1}, each call taking `latencyMs`. */
export function slowMockStack(count, latencyMs) {
  const lines = ['import { useInstance } from "creact";', 'import { MockResource } from "creact/mock";',
    'export default function App() {'];
  for (let i = 0; i < count; i++) {
    lines.push(`  useInstance(MockResource, { key: "r${i}", latencyMs: ${latencyMs} });`);
  }
  lines.push('  return null;', '}', '');
  return lines.join('\n');
}
