import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PairedRegister } from "@kasa/sync";
import type { KasaEvent } from "@kasa/domain";
import { pairDemoRegister } from "../support/demo-pairing.js";
import { freePort } from "../support/relay-process.js";
import { ChaosRelay, seedChaosStore } from "../support/chaos-env.js";
import { RegisterProcess } from "../support/register-process.js";
import { formatSeed, mulberry32, runSeed, type Rng } from "../support/prng.js";

export interface Failure {
  readonly scenario: string;
  /** Replays this run alone: `--scenario <s> --run-seed <seed> --count <size>`. */
  readonly runSeed: number;
  readonly size: number;
  readonly message: string;
  /** Kept for a look when a run failed (KASA_CHAOS_KEEP=1 keeps every run's). */
  readonly dir?: string;
  /** Set for a failure of a known kind that a test handles on its own (R7's "not detected"). */
  readonly kind?: string;
}

export interface Figures {
  readonly scenario: string;
  readonly seed: number;
  /** Kills (R1, R2), schedules (R3), corruptions (R7), disk-full episodes (R8). */
  runs: number;
  /** Receipts acknowledged: relay-durable (synced) for R1/R3/R8, local-durable (sell() resolved) for R2/R7. */
  acknowledged: number;
  lost: number;
  duplicates: number;
  /** Processes that died without being told to, relay stops that hung, uncaught exceptions reported by registers. */
  crashes: number;
  ms: number;
  /** Scenario-specific counts (see README). */
  readonly extra: Record<string, number | string>;
  readonly failures: Failure[];
}

export interface ScenarioOptions {
  /** Runs to do (see each scenario for what a run is). */
  readonly count: number;
  readonly seed: number;
  /** Replay exactly one run with this seed (from a failure report) instead of deriving run seeds from `seed`. */
  readonly runSeed?: number;
  readonly log?: (line: string) => void;
}

export type Scenario = (o: ScenarioOptions) => Promise<Figures>;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function newFigures(scenario: string, seed: number): Figures {
  return { scenario, seed, runs: 0, acknowledged: 0, lost: 0, duplicates: 0, crashes: 0, ms: 0, extra: {}, failures: [] };
}

export function bump(f: Figures, key: string, by = 1): void {
  const v = f.extra[key];
  f.extra[key] = (typeof v === "number" ? v : 0) + by;
}

/** Thrown inside a run for an invariant violation; the run's figures are already counted. */
export class Violation extends Error {}

/**
 * Splits `count` into runs of at most `perRun` (each with its own derived seed, so each can be
 * replayed alone) and executes them one after the other, turning exceptions into failures that
 * carry the seed to replay.
 */
export async function runBatch(
  scenario: string,
  o: ScenarioOptions,
  perRun: number,
  run: (ctx: { rng: Rng; seed: number; size: number; figures: Figures; log: (line: string) => void; keepDir: (dir: string) => void; fail: (kind: string, message: string) => void }) => Promise<void>,
): Promise<Figures> {
  const figures = newFigures(scenario, o.runSeed ?? o.seed);
  const t0 = Date.now();
  const log = o.log ?? (() => undefined);
  const sizes: number[] = [];
  for (let left = o.count; left > 0; left -= perRun) sizes.push(Math.min(perRun, left));
  // The scenario's name is mixed in, so scenarios run with one master seed don't share random streams.
  const base = [...scenario].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, o.seed ^ 0x811c9dc5);
  const seeds = o.runSeed !== undefined ? [o.runSeed] : sizes.map((_, i) => runSeed(base, i));
  for (const [i, seed] of seeds.entries()) {
    const size = o.runSeed !== undefined ? Math.min(o.count, perRun) : sizes[i]!;
    let dir: string | undefined;
    log(`${scenario} run ${i + 1}/${seeds.length} seed ${formatSeed(seed)} size ${size}`);
    try {
      const fail = (kind: string, message: string) => {
        figures.failures.push({ scenario, runSeed: seed, size, message, kind });
        log(`${scenario} FAILED (${kind}) seed ${formatSeed(seed)}: ${message.split("\n")[0]}`);
      };
      await run({ rng: mulberry32(seed), seed, size, figures, log, keepDir: (d) => (dir = d), fail });
    } catch (error) {
      const message = error instanceof Error ? (error instanceof Violation ? error.message : (error.stack ?? error.message)) : String(error);
      figures.failures.push({ scenario, runSeed: seed, size, message, ...(dir ? { dir } : {}) });
      log(`${scenario} FAILED seed ${formatSeed(seed)}: ${message.split("\n")[0]}`);
    }
  }
  figures.ms = Date.now() - t0;
  return figures;
}

export const KEEP_DIRS = process.env.KASA_CHAOS_KEEP === "1";

/**
 * One relay (on a seeded store with `registers` registers) and that many register processes,
 * each paired and opened on its own storage folder. `dispose` stops everything.
 */
export class ChaosEnv {
  readonly registers: RegisterProcess[] = [];
  readonly paired: PairedRegister[] = [];
  #disposed = false;
  #cleanup: ((env: ChaosEnv) => Promise<void>) | undefined;

  private constructor(
    readonly root: string,
    readonly relay: ChaosRelay,
  ) {}

  get dataDir(): string {
    return this.relay.dataDir;
  }

  static async create(o: {
    registers: number;
    spawn?: number;
    rng: Rng;
    name: string;
    keepDir?: (dir: string) => void;
    /** Runs on the (empty, existing) relay data folder before anything is written to it, e.g. to mount a file system there. */
    prepareDataDir?: (dir: string) => Promise<void>;
    /** Runs at dispose, after every process is stopped and before the folder is removed. */
    cleanup?: (env: ChaosEnv) => Promise<void>;
  }): Promise<ChaosEnv> {
    const root = await mkdtemp(join(tmpdir(), `kasa-chaos-${o.name}-`));
    o.keepDir?.(root);
    const env = new ChaosEnv(root, new ChaosRelay(join(root, "relay"), await freePort()));
    if (o.cleanup) env.#cleanup = o.cleanup;
    try {
      await mkdir(env.dataDir, { recursive: true });
      await o.prepareDataDir?.(env.dataDir);
      await seedChaosStore(env.dataDir, o.registers);
      await env.relay.start();
      for (let i = 1; i <= o.registers; i++) env.paired.push(await pairDemoRegister(env.relay.url, i));
      const spawn = o.spawn ?? o.registers;
      env.registers.push(...(await Promise.all(Array.from({ length: spawn }, (_, i) => RegisterProcess.spawn(`R${i + 1}`)))));
      // One after the other: fresh registers opening together on a relay whose store document is not
      // yet in memory sometimes get "Document … is unavailable" (README, finding F3).
      for (const [i, r] of env.registers.entries()) await r.open({ dir: env.registerDir(i), paired: env.paired[i]!, relayUrl: env.relay.url, seed: o.rng.int(0, 0xffffffff) });
      await Promise.all(env.registers.map((r) => r.waitFor((s) => s.connection === "connected", 30_000, "first connection")));
    } catch (error) {
      await env.dispose(true);
      throw error;
    }
    return env;
  }

  registerDir(i: number): string {
    return join(this.root, `register-${i + 1}`);
  }

  /** Crashes seen so far: relay exits we didn't cause or graceful stops that hung, register processes that died or threw. */
  crashes(): string[] {
    return [
      ...this.relay.crashes,
      ...this.relay.hangs,
      ...this.registers.flatMap((r) => [...(r.unexpectedExit ? [r.unexpectedExit] : []), ...r.errors.filter((e) => e.startsWith("uncaughtException"))]),
    ];
  }

  /** Unhandled rejections reported by the registers (counted separately from crashes: the process lives on). */
  rejections(): string[] {
    return this.registers.flatMap((r) => r.errors.filter((e) => e.startsWith("unhandledRejection")));
  }

  async dispose(keep = false): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await Promise.all(this.registers.map((r) => r.kill9().catch(() => undefined)));
    await this.relay.kill9().catch(() => undefined);
    await this.#cleanup?.(this).catch(() => undefined);
    if (!keep && !KEEP_DIRS) await rm(this.root, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Creates an env, runs `fn`, disposes it; a failed run keeps its folder for a look. */
export async function withEnv<T>(o: Parameters<typeof ChaosEnv.create>[0], fn: (env: ChaosEnv) => Promise<T>): Promise<T> {
  const env = await ChaosEnv.create(o);
  let ok = false;
  try {
    const result = await fn(env);
    ok = true;
    return result;
  } catch (error) {
    // A run that broke off because a process died: say which, with its last output.
    const crashes = env.crashes();
    if (crashes.length === 0 || error instanceof Violation) throw error;
    throw new Error(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\ncrashes:\n${crashes.join("\n")}`);
  } finally {
    await env.dispose(!ok);
  }
}

/** Sales in a list of events. */
export function sales(events: readonly KasaEvent[]): KasaEvent[] {
  return events.filter((e) => e.type === "sale.completed");
}

/** How many items appear more than once. */
export function duplicateCount(items: readonly string[]): number {
  return items.length - new Set(items).size;
}

export function receiptNumberOf(e: KasaEvent): string | undefined {
  return e.type === "sale.completed" ? e.payload.receipt.number : undefined;
}

export function describeIds(ids: readonly string[], max = 5): string {
  return `${ids.length} (${ids.slice(0, max).join(", ")}${ids.length > max ? ", …" : ""})`;
}
