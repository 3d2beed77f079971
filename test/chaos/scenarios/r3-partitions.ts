import { isDeepStrictEqual } from "node:util";
import { shiftReport, type KasaEvent, type ShiftId } from "@kasa/domain";
import { readModelReceipts, readRelayDisk } from "../../support/chaos-env.js";
import type { Rng } from "../../support/prng.js";
import type { WorkerState } from "../../support/register-protocol.js";
import { bump, describeIds, duplicateCount, receiptNumberOf, runBatch, sales, sleep, Violation, withEnv, type ChaosEnv, type Figures, type ScenarioOptions } from "../harness.js";

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

type Step =
  | { kind: "sell"; reg: number; count: number }
  | { kind: "shift"; reg: number }
  | { kind: "partition"; reg: number }
  | { kind: "heal"; reg: number }
  | { kind: "relay-stop" }
  | { kind: "relay-kill" }
  | { kind: "relay-start" }
  | { kind: "pause"; ms: number };

/**
 * R3 — seeded random schedules of partitions among 3 registers and the relay: the relay stopped
 * (SIGTERM) or killed (SIGKILL) and started again, a register cut off by closing its Repo and
 * reconnected by reopening it, sales and shift operations (open, pay in/out, close) in between.
 * After healing everything converges: every register shows all its receipts synced, the relay's
 * disk holds exactly the union of the registers' events (same content, each once), its read model
 * has exactly the same receipt ids, and each shift's report computed from the relay's copies equals
 * the register's own. `count` = number of schedules; a run is one relay and 3 registers going
 * through up to R3_SCHEDULES_PER_RUN schedules (state carries over, each schedule is checked).
 */
export async function r3Partitions(o: ScenarioOptions): Promise<Figures> {
  return runBatch("R3", o, R3_SCHEDULES_PER_RUN, async ({ rng, size, figures, log, keepDir }) => {
    await withEnv({ registers: 3, rng, name: "r3", keepDir }, async (env) => {
      const problems: string[] = [];
      const shiftOpen = env.registers.map(() => false);
      const traces: string[] = [];
      const acknowledged = new Set<string>();
      for (let k = 1; k <= size; k++) {
        const trace: string[] = [];
        const before = problems.length;
        try {
          await env.relay.start();
          log(`    schedule ${k}/${size}`);
          await runSchedule(env, rng, figures, problems, trace, shiftOpen, log);
          figures.runs++;
          bump(figures, "steps", trace.length);
          log("    healing");
          await heal(env);
          const states = await Promise.all(env.registers.map((r) => r.state()));
          const hangs = env.relay.hangs.length;
          await env.relay.stop();
          if (env.relay.hangs.length > hangs) problems.push("final stop: the relay did not stop on SIGTERM within 20 s (then SIGKILLed)");
          log("    checking");
          for (const id of await checkConvergence(env, states, figures, problems)) acknowledged.add(id);
        } catch (error) {
          throw new Error(`${String(error instanceof Error ? error.stack : error)}\nschedule ${k} so far: ${trace.join(", ")}`);
        }
        for (let i = before; i < problems.length; i++) problems[i] = `schedule ${k}: ${problems[i]}`;
        traces.push(`schedule ${k}: ${trace.join(", ")}`);
      }
      figures.acknowledged += acknowledged.size;
      bump(figures, "unhandled rejections", env.rejections().length);
      const crashes = env.crashes();
      figures.crashes += crashes.length;
      if (crashes.length > 0) problems.push(`crashes: ${crashes.join("\n")}`);
      if (problems.length > 0) throw new Violation(`${problems.join("\n")}\n${traces.join("\n")}`);
    });
  });
}

/** Schedules per run: a run is one relay and 3 registers going through this many schedules, each healed and checked. */
export const R3_SCHEDULES_PER_RUN = 5;

async function runSchedule(env: ChaosEnv, rng: Rng, figures: Figures, problems: string[], trace: string[], shiftOpen: boolean[], log: (line: string) => void): Promise<void> {
  const n = env.registers.length;
  const open = env.registers.map(() => true);
  let relayUp = true;
  const steps = rng.int(10, 18);
  for (let i = 0; i < steps; i++) {
    const step = nextStep(rng, n, open, relayUp);
    trace.push(`${describe(step)}${(step.kind === "sell" || step.kind === "shift") && !open[step.reg] ? " (skipped: cut off)" : ""}`);
    log(`    step ${i + 1}/${steps}: ${trace.at(-1)}`);
    switch (step.kind) {
      case "sell": {
        if (!open[step.reg]) break;
        const sold = await env.registers[step.reg]!.sell(step.count);
        if (sold !== step.count) problems.push(`step ${i + 1}: register ${step.reg + 1} sold ${sold} of ${step.count}`);
        break;
      }
      case "shift": {
        if (!open[step.reg]) break;
        const r = env.registers[step.reg]!;
        const action = !shiftOpen[step.reg] ? "open" : rng.pick(["in", "out", "close", "close"] as const);
        const amount = rng.int(1, 500) * 100;
        const result = await r.shift(action, amount);
        if (result !== "ok") problems.push(`step ${i + 1}: register ${step.reg + 1} shift ${action} refused: ${result}`);
        else if (action === "open") shiftOpen[step.reg] = true;
        else if (action === "close") shiftOpen[step.reg] = false;
        bump(figures, "shift operations");
        break;
      }
      case "partition":
        await env.registers[step.reg]!.close();
        open[step.reg] = false;
        bump(figures, "register partitions");
        break;
      case "heal":
        await env.registers[step.reg]!.open({ dir: env.registerDir(step.reg), paired: env.paired[step.reg]!, relayUrl: env.relay.url, seed: rng.int(0, 0xffffffff) });
        open[step.reg] = true;
        break;
      case "relay-stop": {
        const hangs = env.relay.hangs.length;
        await env.relay.stop();
        if (env.relay.hangs.length > hangs) problems.push(`step ${i + 1}: the relay did not stop on SIGTERM within 20 s (then SIGKILLed)`);
        relayUp = false;
        bump(figures, "relay stops");
        break;
      }
      case "relay-kill":
        await env.relay.kill9();
        relayUp = false;
        bump(figures, "relay kills");
        break;
      case "relay-start":
        await env.relay.start();
        relayUp = true;
        break;
      case "pause":
        await sleep(step.ms);
        break;
    }
  }
}

function nextStep(rng: Rng, n: number, open: boolean[], relayUp: boolean): Step {
  const reg = rng.int(0, n - 1);
  const x = rng.next();
  if (x < 0.35) return { kind: "sell", reg, count: rng.int(1, 4) };
  if (x < 0.5) return { kind: "shift", reg };
  if (x < 0.65) return open[reg] ? { kind: "partition", reg } : { kind: "heal", reg };
  if (x < 0.85) return relayUp ? (rng.chance(0.5) ? { kind: "relay-stop" } : { kind: "relay-kill" }) : { kind: "relay-start" };
  return { kind: "pause", ms: rng.int(50, 800) };
}

function describe(s: Step): string {
  switch (s.kind) {
    case "sell":
      return `R${s.reg + 1} sells ${s.count}`;
    case "shift":
      return `R${s.reg + 1} shift op`;
    case "partition":
      return `R${s.reg + 1} cut off`;
    case "heal":
      return `R${s.reg + 1} back`;
    case "pause":
      return `wait ${s.ms} ms`;
    default:
      return s.kind;
  }
}

async function heal(env: ChaosEnv): Promise<void> {
  await env.relay.start();
  for (const [i, r] of env.registers.entries()) {
    const s = await r.status();
    if (!s.open) await r.open({ dir: env.registerDir(i), paired: env.paired[i]!, relayUrl: env.relay.url, seed: i });
  }
  await Promise.all(env.registers.map((r) => r.waitFor((s) => s.connection === "connected" && s.unsyncedCount === 0, 90_000, "all synced after healing")));
}

/** Checks one healed state; returns the receipt ids the registers show as synced. */
async function checkConvergence(env: ChaosEnv, states: WorkerState[], figures: Figures, problems: string[]): Promise<string[]> {
  const { journals, loadErrors } = await readRelayDisk(env.dataDir);
  if (loadErrors.length > 0) problems.push(`relay documents failed to load: ${loadErrors.join("; ")}`);
  const diskEvents = journals.flatMap((j) => j.events);
  const diskById = new Map<string, KasaEvent>(diskEvents.map((e) => [e.id, e]));
  const deviceEvents = states.flatMap((s) => s.events);
  const deviceById = new Map<string, KasaEvent>(deviceEvents.map((e) => [e.id, e]));

  // Every register: nothing left Unsynced.
  for (const [i, s] of states.entries()) {
    const unsynced = s.receiptList.filter((r) => !r.synced).map((r) => r.id);
    if (s.unsyncedCount !== 0 || unsynced.length > 0) problems.push(`register ${i + 1}: ${s.unsyncedCount} unsynced events, receipts not synced: ${describeIds(unsynced)}`);
    if (s.unloadableJournals.length > 0) problems.push(`register ${i + 1}: journals that don't load: ${s.unloadableJournals.map((j) => j.url).join(", ")}`);
  }

  // The relay's disk holds exactly the union, same content, each event once.
  const missing = [...deviceById.keys()].filter((id) => !diskById.has(id));
  const extra = [...diskById.keys()].filter((id) => !deviceById.has(id));
  const differing = [...deviceById].filter(([id, e]) => diskById.has(id) && !isDeepStrictEqual(plain(e), plain(diskById.get(id)))).map(([id]) => id);
  const diskNumbers = sales(diskEvents).map((e) => receiptNumberOf(e)!);
  const dups = duplicateCount(diskEvents.map((e) => e.id)) + duplicateCount(diskNumbers) + duplicateCount(deviceEvents.map((e) => e.id));
  const acked = states.flatMap((s) => s.receiptList.filter((r) => r.synced).map((r) => r.id));
  figures.lost += acked.filter((id) => !diskById.has(id)).length;
  figures.duplicates += dups;
  bump(figures, "event comparisons", deviceById.size);
  if (missing.length > 0) problems.push(`events on the registers but not on the relay's disk: ${describeIds(missing)}`);
  if (extra.length > 0) problems.push(`events on the relay's disk that no register has: ${describeIds(extra)}`);
  if (differing.length > 0) problems.push(`events whose content differs between register and relay: ${describeIds(differing)}`);
  if (dups > 0) problems.push(`${dups} duplicate event id(s) or receipt number(s)`);

  // The read model has exactly the relay's receipts.
  const rm = readModelReceipts(env.dataDir);
  const rmIds = new Set(rm.map((r) => r.eventId));
  const diskSaleIds = new Set<string>(sales(diskEvents).map((e) => e.id));
  const notProjected = [...diskSaleIds].filter((id) => !rmIds.has(id));
  const strayRows = [...rmIds].filter((id) => !diskSaleIds.has(id));
  figures.duplicates += duplicateCount(rm.map((r) => r.number));
  bump(figures, "read-model row comparisons", rm.length);
  if (notProjected.length > 0) problems.push(`receipts on the relay's disk missing from the read model: ${describeIds(notProjected)}`);
  if (strayRows.length > 0) problems.push(`read-model receipts not on the relay's disk: ${describeIds(strayRows)}`);

  // Shift reports: the register's own equals the one computed from the relay's copies.
  for (const [i, s] of states.entries()) {
    const registerId = env.paired[i]!.registerId;
    const relayEvents: KasaEvent[] = journals.filter((j) => j.registerId === registerId).flatMap((j) => j.events);
    for (const view of s.shifts) {
      bump(figures, "shift report comparisons");
      const fromRelay = shiftReport(view.report.shiftId as ShiftId, relayEvents);
      if (!view.synced) problems.push(`register ${i + 1}: shift ${view.report.shiftId} not synced after healing`);
      if (!isDeepStrictEqual(plain(fromRelay), plain(view.report))) {
        problems.push(`register ${i + 1}: shift ${view.report.shiftId} report differs — register ${JSON.stringify(view.report)} relay ${JSON.stringify(fromRelay)}`);
      }
    }
  }

  return acked;
}
