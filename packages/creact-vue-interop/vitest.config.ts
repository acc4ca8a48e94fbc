import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The client core from its sources, so the tests need no build of the React package first.
    alias: { "creact-react-interop/core": fileURLToPath(new URL("../creact-react-interop/src/core/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
