import { defineConfig } from "vitest/config";

const QUIET = ["test/api/import-responsiveness.api.test.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["e2e/**", "node_modules/**", ...QUIET],
          globalSetup: ["test/support/global-setup.ts"],
          // Two files at a time even on two cores (Vitest would run one): most suites wait on
          // PostgreSQL, child processes and the disk, not on the CPU.
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Suites that measure the server's answers while it works: run alone, after the others.
        test: {
          name: "quiet",
          include: QUIET,
          globalSetup: ["test/support/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          globalSetup: ["e2e/global-setup.ts"],
          // What the user waits for may take seconds on a busy 2-core machine; 1 s (the default) is too short.
          expect: { poll: { timeout: 30_000, interval: 100 } },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
