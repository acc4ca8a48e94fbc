// A telemetry extension: logs the lifecycle of every build and deployment of the stack.
// creact calls it in the sandbox (no file, network or process access); what it prints with console.log
// appears in creact's output. Enable it in creact.config.json: { "extensions": ["./telemetry.js"] }.
const started = new Map();

export default {
  name: "telemetry",

  onBuild(event) {
    console.log(`[telemetry] build of ${event.stack}: ${event.resources} resources, ${event.ok ? "valid" : event.problems + " problem(s)"}`);
  },

  onDeploy(event) {
    if (event.phase === "deploy-started") {
      console.log(`[telemetry] deploy of ${event.stack} started: ${event.operations} operation(s) at ${event.time}`);
    } else if (event.phase === "deploy-finished") {
      console.log(`[telemetry] deploy of ${event.stack} ${event.outcome} in ${event.durationMs} ms: `
        + `${event.created} created, ${event.updated} updated, ${event.deleted} deleted, ${event.failed} failed, ${event.cycles} cycle(s)`);
    }
  },

  onError(event) {
    console.log(`[telemetry] ERROR in ${event.stack} (${event.phase}): ${event.id ?? ""} ${event.error ?? event.message ?? ""}`);
  },
};
