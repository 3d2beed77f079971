import { defineConfig } from "vitest/config";

// One runner for the whole workspace. Projects split by what they need:
// unit tests are pure and fast; integration tests start real relays on port 0;
// e2e tests drive Debian's Chromium against the built apps and a relay process.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/test/**/*.test.ts", "relay-server/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "chaos",
          include: ["test/chaos/**/*.chaos.test.ts"],
          environment: "node",
          testTimeout: 15 * 60_000,
          hookTimeout: 120_000,
          // Each scenario starts relays and register processes: one file at a time keeps them honest.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
