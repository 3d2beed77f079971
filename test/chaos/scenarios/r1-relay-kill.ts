import { readRelayDisk } from "../../support/chaos-env.js";
import { bump, describeIds, duplicateCount, receiptNumberOf, runBatch, sales, sleep, Violation, withEnv, type Figures, type ScenarioOptions } from "../harness.js";

/** Kills per run: each run starts from a fresh relay and registers, so a failing run replays alone. */
export const R1_KILLS_PER_RUN = 10;

/**
 * R1 — `kill -9` the relay at random moments while 3 registers (each its own process) sell;
 * restart it. After every kill, before the restart, every receipt any register had shown as
 * synced must be in the dead relay's documents.sqlite (a resync would otherwise hide a loss).
 * At the end the registers converge and the relay's disk holds every sale exactly once.
 * `count` = number of kills.
 */
export async function r1RelayKill(o: ScenarioOptions): Promise<Figures> {
  return runBatch("R1", o, R1_KILLS_PER_RUN, async ({ rng, size, figures, log, keepDir }) => {
    await withEnv({ registers: 3, rng, name: "r1", keepDir }, async (env) => {
      const regs = env.registers;
      // A busy till: a sale every 30–400 ms per register (faster starves this 2-core box and only measures CPU).
      for (const r of regs) await r.startSelling(rng.int(30, 100), rng.int(150, 400));
      const problems: string[] = [];
      const lostIds = new Set<string>();
      for (let k = 1; k <= size; k++) {
        const upFor = rng.int(300, 4000);
        await sleep(upFor);
        const before = await Promise.all(regs.map((r) => r.status()));
        await env.relay.kill9();
        // "synced" reports already on their way were all sent by the relay we just killed.
        await sleep(150);
        const acked = regs.flatMap((r) => [...r.synced]);
        const { journals, loadErrors } = await readRelayDisk(env.dataDir);
        const onDisk = new Set<string>(journals.flatMap((j) => j.events.map((e) => e.id)));
        const lost = acked.filter((id) => !onDisk.has(id));
        figures.runs++;
        bump(figures, "acked receipts checked after kills", acked.length);
        bump(figures, "sold but not yet acked at kill", regs.reduce((n, r) => n + r.sold.size - r.synced.size, 0));
        if (loadErrors.length > 0) problems.push(`kill ${k}: relay documents failed to load: ${loadErrors.join("; ")}`);
        if (lost.length > 0) {
          for (const id of lost) lostIds.add(id);
          problems.push(`kill ${k}: acknowledged receipts missing from the relay's disk: ${describeIds(lost)}`);
        }
        log(`  kill ${k}/${size} after ${upFor} ms up: ${acked.length} acked, ${onDisk.size} events on disk, lost ${lost.length}; registers ${before.map((s) => `${s.connection}/${s.unsyncedCount} unsynced`).join(", ")}`);
        await sleep(rng.int(0, 1500));
        await env.relay.start();
      }
      for (const r of regs) await r.stopSelling();
      await Promise.all(regs.map((r) => r.waitFor((s) => s.unsyncedCount === 0 && s.connection === "connected", 90_000, "all synced after the last restart")));
      await sleep(150);
      await env.relay.stop();

      const { journals, loadErrors } = await readRelayDisk(env.dataDir);
      const diskEvents = journals.flatMap((j) => j.events);
      const diskIds = diskEvents.map((e) => e.id);
      const onDisk = new Set<string>(diskIds);
      const acked = regs.flatMap((r) => [...r.synced]);
      const sold = regs.flatMap((r) => [...r.sold.keys()]);
      const lost = acked.filter((id) => !onDisk.has(id));
      const neverArrived = sold.filter((id) => !onDisk.has(id));
      const numbers = sales(diskEvents).map((e) => receiptNumberOf(e)!);
      const reportedNumbers = regs.flatMap((r) => [...r.sold.values()]);
      const dups = duplicateCount(diskIds) + duplicateCount(numbers) + duplicateCount(reportedNumbers);
      figures.acknowledged += new Set(acked).size;
      for (const id of lost) lostIds.add(id);
      figures.lost += lostIds.size;
      figures.duplicates += dups;
      bump(figures, "sold", sold.length);
      bump(figures, "sell failures", regs.reduce((n, r) => n + r.sellFailures.length, 0));
      bump(figures, "relay restart ms (sum)", env.relay.starts.slice(1).reduce((a, b) => a + b, 0));
      bump(figures, "unhandled rejections", env.rejections().length);
      const crashes = env.crashes();
      figures.crashes += crashes.length;
      if (loadErrors.length > 0) problems.push(`final: relay documents failed to load: ${loadErrors.join("; ")}`);
      if (lost.length > 0) problems.push(`final: acknowledged receipts missing on the relay: ${describeIds(lost)}`);
      if (neverArrived.length > 0) problems.push(`final: sales every register shows as synced but missing on the relay: ${describeIds(neverArrived)}`);
      if (dups > 0) problems.push(`final: duplicates — event ids ${duplicateCount(diskIds)}, receipt numbers on disk ${duplicateCount(numbers)}, reported numbers ${duplicateCount(reportedNumbers)}`);
      if (crashes.length > 0) problems.push(`crashes: ${crashes.join("\n")}`);
      if (problems.length > 0) throw new Violation(problems.join("\n"));
    });
  });
}
