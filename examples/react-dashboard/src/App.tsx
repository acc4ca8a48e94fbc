import { useEffect, useState } from "react";
import { useCReactContext, type ResourceState } from "creact-react-interop";
import { fetchEndpoint, type Endpoint } from "./endpoint";

const stack = new URLSearchParams(window.location.search).get("stack") ?? "dev";

export function App() {
  const [endpoint, setEndpoint] = useState<Endpoint | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    fetchEndpoint().then(setEndpoint, (e: Error) => setProblem(e.message));
  }, []);

  if (problem) {
    return <Shell><Message kind="error" title="Cannot find creact serve">{problem}</Message></Shell>;
  }
  if (!endpoint) {
    return <Shell><Message kind="loading" title="Looking for creact serve…" /></Shell>;
  }
  return <Shell><Stack endpoint={endpoint} /></Shell>;
}

function Stack({ endpoint }: { endpoint: Endpoint }) {
  // The token is asked again before every reconnection: a restarted server is picked up without a reload.
  const { status, resources, outputs, error, connected, loading, change, state } = useCReactContext(stack, {
    url: endpoint.url,
    token: async () => (await fetchEndpoint().catch(() => endpoint)).token,
  });

  if (loading) {
    return error
      ? <Message kind="error" title={`Cannot show stack ${stack}`}>{error.message}</Message>
      : <Message kind="loading" title={`Connecting to ${endpoint.url}…`} />;
  }
  const counts = count(resources);
  return (
    <>
      <header className="summary">
        <h1>
          <span className="stack">{stack}</span>
          <span className={`badge status-${status}`} data-testid="status">{status}</span>
        </h1>
        <p className={connected ? "live" : "offline"} data-testid="connection">
          {connected ? "● live" : `○ reconnecting${error ? `: ${error.message}` : "…"}`}
        </p>
        <dl>
          <div><dt>resources</dt><dd data-testid="count">{resources.length}</dd></div>
          {Object.entries(counts).map(([s, n]) => <div key={s}><dt>{s.toLowerCase()}</dt><dd>{n}</dd></div>)}
          <div><dt>state serial</dt><dd data-testid="state-serial">{state?.stateSerial}</dd></div>
          <div><dt>outputs</dt><dd>{Object.keys(outputs).length}</dd></div>
        </dl>
        {change && <p className="change" data-testid="change">now: {change.action} <code>{change.id}</code></p>}
        {state?.deploymentError && <p className="failure">last deployment: {state.deploymentError}</p>}
      </header>
      {resources.length === 0
        ? <Message kind="empty" title="Nothing deployed yet">Run <code>creact deploy</code> and watch it arrive here.</Message>
        : (
          <table>
            <thead><tr><th>resource</th><th>type</th><th>status</th><th>outputs</th></tr></thead>
            <tbody>{resources.map((r) => <Row key={r.id} resource={r} />)}</tbody>
          </table>
        )}
    </>
  );
}

function Row({ resource }: { resource: ResourceState }) {
  return (
    <tr className={`row-${resource.status}`} data-testid="resource" data-id={resource.id} data-status={resource.status}>
      <td><code>{resource.id}</code></td>
      <td>{resource.type}</td>
      <td><span className={`badge status-${resource.status}`}>{resource.status}{resource.action ? ` · ${resource.action}` : ""}</span></td>
      <td>
        <div className="outputs">
          {Object.entries(resource.outputs).map(([k, v]) => (
            <span key={k} className="output" data-output={k}><b>{k}</b> {typeof v === "string" ? v : JSON.stringify(v)}</span>
          ))}
        </div>
      </td>
    </tr>
  );
}

function count(resources: ResourceState[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of resources) {
    out[r.status] = (out[r.status] ?? 0) + 1;
  }
  return out;
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main>
      <p className="brand">creact · live state</p>
      {children}
    </main>
  );
}

function Message({ kind, title, children }: { kind: "loading" | "error" | "empty"; title: string; children?: React.ReactNode }) {
  return (
    <section className={`message ${kind}`} data-testid={kind}>
      <h2>{title}</h2>
      {children && <p>{children}</p>}
    </section>
  );
}
