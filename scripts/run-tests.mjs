// Runs the whole vitest suite and ends with one plain line "N passed, N failed, N skipped",
// which CI reads; the exit code is vitest's.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync } from "node:fs";

mkdirSync("test-results", { recursive: true });
const report = "test-results/vitest.json";
const args = ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync("pnpm", ["exec", ...args], { stdio: "inherit" });
let passed = 0, failed = 0, skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
if (run.status !== 0 && failed === 0) failed = 1; // vitest failed before running tests (config, import error)
console.log(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status ?? 1);
