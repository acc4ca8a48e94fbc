import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

/**
 * Serves `/creact-sync.json`: where the project's `creact serve` listens and its token, read afresh from
 * `$CREACT_PROJECT/.creact/sync.json` on every request (so a restarted server is found again). Only the dev
 * server does this, for pages it serves itself; a deployed dashboard gets its URL and token another way.
 */
function creactSyncEndpoint(): Plugin {
  return {
    name: "creact-sync-endpoint",
    configureServer(server) {
      server.middlewares.use("/creact-sync.json", (_req, res) => {
        const project = process.env.CREACT_PROJECT;
        res.setHeader("Content-Type", "application/json");
        res.setHeader("Cache-Control", "no-store");
        if (!project) {
          res.statusCode = 404;
          res.end(JSON.stringify({ message: "set CREACT_PROJECT to the project folder where `creact serve` runs, then reload" }));
          return;
        }
        const file = join(resolve(project), ".creact", "sync.json");
        try {
          const info = JSON.parse(readFileSync(file, "utf8"));
          res.end(JSON.stringify({ url: info.url, ws: info.ws, token: info.token }));
        } catch {
          res.statusCode = 404;
          res.end(JSON.stringify({ message: `no ${file}: start \`creact serve\` in ${project}` }));
        }
      });
    },
  };
}

export default defineConfig({
  plugins: [creactSyncEndpoint()],
  resolve: {
    // The hook from its sources in this repository; one copy of React for the app and the hook.
    alias: { "creact-react-interop": join(here, "../../packages/creact-react-interop/src/index.ts") },
    dedupe: ["react", "react-dom"],
  },
  esbuild: { jsx: "automatic" },
  server: { port: Number(process.env.PORT ?? 5173), strictPort: false },
});
