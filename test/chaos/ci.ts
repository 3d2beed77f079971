import { expect } from "vitest";
import { formatSeed, freshSeed, parseSeed } from "../support/prng.js";
import type { Failure, Figures } from "./harness.js";
import { formatFailures, formatTable } from "./report.js";
import { scenarioById } from "./scenarios/index.js";

/**
 * The seed for this CI run: KASA_CHAOS_SEED if set (to replay a CI failure), else a fresh one.
 * Every run explores a new schedule; a failure prints its seed and the command that replays it,
 * and a seed that found a bug is pinned as a named test (pinned.ts).
 */
export function ciSeed(): number {
  return process.env.KASA_CHAOS_SEED ? parseSeed(process.env.KASA_CHAOS_SEED) : freshSeed();
}

/** The quick count of a scenario (what CI runs), overridable with KASA_CHAOS_COUNT for a longer local run. */
export function quickCount(id: string): number {
  return process.env.KASA_CHAOS_COUNT ? Number.parseInt(process.env.KASA_CHAOS_COUNT, 10) : scenarioById(id).quick;
}

export const log = (line: string): void => {
  if (process.env.KASA_CHAOS_VERBOSE === "1") console.log(line);
};

/** Prints the figures, then fails with every failure (seed and replay command included) except those of `ignoreKinds`. */
export function expectClean(f: Figures, ignoreKinds: readonly string[] = []): void {
  console.log(`${formatTable([f])}\nseed ${formatSeed(f.seed)}`);
  const failures: Failure[] = f.failures.filter((x) => x.kind === undefined || !ignoreKinds.includes(x.kind));
  expect(formatFailures({ ...f, failures }), `chaos ${f.scenario} seed ${formatSeed(f.seed)}`).toBe("");
  expect(f.lost, "lost").toBe(0);
  expect(f.duplicates, "duplicates").toBe(0);
  expect(f.crashes, "crashes").toBe(0);
}

/** Chaos tests run one at a time and start processes: far longer than unit tests. Not an assertion. */
export const CHAOS_TIMEOUT_MS = 15 * 60_000;

/** Fails with the failures of one kind only (for a `.fails` test that pins a known finding). */
export function expectNoFailuresOfKind(f: Figures, kind: string): void {
  expect(formatFailures({ ...f, failures: f.failures.filter((x) => x.kind === kind) }), `${f.scenario} ${kind}`).toBe("");
}
