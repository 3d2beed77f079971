import { freePort } from "../../support/relay-process.js";
import { RegisterProcess } from "../../support/register-process.js";
import type { WorkerState } from "../../support/register-protocol.js";
import { readRelayDisk } from "../../support/chaos-env.js";
import { bump, describeIds, duplicateCount, receiptNumberOf, runBatch, sales, sleep, Violation, withEnv, type Figures, type ScenarioOptions } from "../harness.js";

/** Kills per run: a run is one register storage folder killed this many times in a row. */
export const R2_KILLS_PER_RUN = 10;

type KillMode = "right after a sale" | "at a random moment" | "while opening";
const MODES: readonly KillMode[] = ["right after a sale", "at a random moment", "right after a sale", "while opening", "at a random moment"];

/**
 * R2 (Node part) — `kill -9` a register *process* right after its `sell()` resolved, or at a
 * random moment while it sells, or while it opens its storage. Each time the same storage is
 * reopened in a fresh process, which must hold every sale the killed process reported as done
 * (lost = 0), each with the number it was given, and no receipt number twice (numbers are never
 * reused after a restart). The relay is up for some lives and unreachable for others.
 * `count` = number of kills. A SIGKILLed process's writes stay in the OS page cache, so this is a
 * process crash, not a power cut (that needs a VM or a fault-injecting file system).
 */
export async function r2RegisterKill(o: ScenarioOptions): Promise<Figures> {
  return runBatch("R2", o, R2_KILLS_PER_RUN, async ({ rng, size, figures, log, keepDir }) => {
    await withEnv({ registers: 1, spawn: 0, rng, name: "r2", keepDir }, async (env) => {
      const deadRelayUrl = `http://127.0.0.1:${await freePort()}`;
      const dir = env.registerDir(0);
      const paired = env.paired[0]!;
      /** Every sale any life of the register reported done: id → receipt number. */
      const known = new Map<string, string>();
      const problems: string[] = [];
      const lostIds = new Set<string>();
      /** Receipt numbers seen twice on the device, and sales whose number changed: each counted once however often seen. */
      const duplicateNumbers = new Set<string>();
      const renumberedIds = new Set<string>();
      let lives = 0;

      const verify = (state: WorkerState, when: string): void => {
        const onDevice = new Map<string, string>(sales(state.events).map((e) => [e.id, receiptNumberOf(e)!]));
        const lost = [...known.keys()].filter((id) => !onDevice.has(id));
        const renumbered = [...known].filter(([id, n]) => onDevice.has(id) && onDevice.get(id) !== n).map(([id]) => id);
        const numbers = [...onDevice.values()];
        const dupNumbers = duplicateCount(numbers);
        for (const id of lost) lostIds.add(id);
        for (const n of numbers.filter((n, i) => numbers.indexOf(n) !== i)) duplicateNumbers.add(n);
        for (const id of renumbered) renumberedIds.add(id);
        if (state.unloadableJournals.length > 0) problems.push(`${when}: journals that no longer load: ${state.unloadableJournals.map((j) => `${j.url}: ${j.error.split("\n")[0]}`).join("; ")}`);
        if (lost.length > 0) problems.push(`${when}: sales reported done but missing from the reopened storage: ${describeIds(lost)}`);
        if (renumbered.length > 0) problems.push(`${when}: sales whose receipt number changed: ${describeIds(renumbered)}`);
        if (dupNumbers > 0) problems.push(`${when}: ${dupNumbers} receipt number(s) used twice on the device`);
      };

      // The next life's process starts while the current one sells: starting Node with tsx is the slow part.
      let spare: Promise<RegisterProcess> | undefined;
      const spawn = (): Promise<RegisterProcess> => {
        const p = RegisterProcess.spawn(`R2-life${lives + 1}`);
        void p.then((x) => env.registers.push(x), () => undefined);
        return p;
      };
      const life = async (): Promise<RegisterProcess> => {
        lives++;
        const p = await (spare ?? spawn());
        spare = spawn();
        p.onEvent((e) => {
          if (e.ev === "sold") known.set(e.id, e.number);
        });
        return p;
      };

      // First life: fetch the store and register documents from the relay, sell, close cleanly.
      const first = await life();
      await first.open({ dir, paired, relayUrl: env.relay.url, seed: rng.int(0, 0xffffffff) });
      await first.sell(2);
      await first.exit();

      // Modes and relay reachability take turns (from a random start) so that even 5 kills cover them all; timings are random.
      const modeOffset = rng.int(0, MODES.length - 1);
      const onlineOffset = rng.int(0, 1);
      for (let k = 1; k <= size; k++) {
        const online = (k + onlineOffset) % 2 === 0;
        const relayUrl = online ? env.relay.url : deadRelayUrl;
        const mode = MODES[(k + modeOffset) % MODES.length]!;
        const p = await life();
        const seed = rng.int(0, 0xffffffff);
        figures.runs++;
        bump(figures, `kills ${mode}`);
        bump(figures, online ? "lives with the relay up" : "lives with the relay unreachable");
        if (mode === "while opening") {
          const opening = p.open({ dir, paired, relayUrl, seed }).catch(() => undefined);
          await sleep(rng.int(0, 400));
          await p.kill9();
          await opening;
          log(`  kill ${k}/${size} ${mode}`);
          continue;
        }
        await p.open({ dir, paired, relayUrl, seed });
        verify(await p.state(), `life ${lives} (after kill ${k - 1})`);
        const before = p.sold.size;
        if (mode === "right after a sale") {
          const target = before + rng.int(1, 12);
          // Kill from the IPC message handler: the sale's sell() has just resolved in the child.
          const killed = new Promise<void>((resolve) => {
            const off = p.onEvent((e) => {
              if (e.ev === "sold" && p.sold.size >= target) {
                off();
                void p.kill9().then(resolve);
              }
            });
          });
          await p.startSelling(0, rng.int(0, 30));
          const stuck = await Promise.race([killed.then(() => false), sleep(60_000).then(() => true)]);
          if (stuck) {
            problems.push(`life ${lives}: ${target - before} sales not completed within 60 s (${p.sellFailures.length} refused)`);
            await p.kill9();
          }
        } else {
          await p.startSelling(0, rng.int(0, 30));
          await sleep(rng.int(0, 1500));
          await p.kill9();
        }
        log(`  kill ${k}/${size} ${mode} (${online ? "relay up" : "relay unreachable"}): ${p.sold.size - before} sales in this life, ${known.size} reported so far`);
      }

      // A last life, with the relay up: everything reported is there, and new sales take new numbers.
      const last = await life();
      await last.open({ dir, paired, relayUrl: env.relay.url, seed: rng.int(0, 0xffffffff) });
      verify(await last.state(), `life ${lives} (after the last kill)`);
      const numbersBefore = new Set(known.values());
      const soldBefore = last.sold.size;
      await last.sell(3);
      const fresh = [...last.sold].slice(soldBefore).map(([, n]) => n);
      const reused = fresh.filter((n) => numbersBefore.has(n));
      for (const n of reused) duplicateNumbers.add(n);
      if (reused.length > 0) problems.push(`receipt numbers reused after the restarts: ${reused.join(", ")}`);
      verify(await last.state(), "final");
      await last.exit();

      figures.acknowledged += known.size;
      figures.lost += lostIds.size;
      figures.duplicates += duplicateNumbers.size + renumberedIds.size;
      if (duplicateNumbers.size > 0) problems.push(`receipt numbers issued twice: ${[...duplicateNumbers].join(", ")}`);
      bump(figures, "unhandled rejections", env.rejections().length);
      const crashes = env.crashes();
      figures.crashes += crashes.length;
      if (crashes.length > 0) problems.push(`crashes: ${crashes.join("\n")}`);
      if (problems.length > 0) throw new Violation(problems.join("\n"));
    });
  });
}

/**
 * R2S — R2 with a slow disk, made deterministic: the register's file writes are delayed, a sale is
 * started, and the process is killed after the sale had time to reach the relay but before its
 * local write finished (sell() never resolved). The next life opens from local storage, sells,
 * then syncs. Must hold: no receipt number twice, on the device or on the relay. `count` = number
 * of such crashes, each on a fresh register.
 */
export async function r2SlowDiskCrash(o: ScenarioOptions): Promise<Figures> {
  return runBatch("R2S", o, 1, async ({ rng, figures, log, keepDir }) => {
    await withEnv({ registers: 1, rng, name: "r2s", keepDir }, async (env) => {
      const first = env.registers[0]!;
      const spare = RegisterProcess.spawn("R2S-after");
      void spare.then((p) => env.registers.push(p), () => undefined);
      await first.sell(2);
      await first.waitFor((s) => s.unsyncedCount === 0, 60_000, "first sales synced");
      const writeDelayMs = 2_000;
      await first.setWriteDelay(writeDelayMs);
      // The sale is in the Repo (and on its way to the relay) at once; its local write waits.
      void first.sell(1).catch(() => undefined);
      const killAfter = rng.int(400, 1_200);
      await sleep(killAfter);
      await first.kill9();
      figures.runs++;

      // The next life opens offline first, to see what the device's own storage holds, and sells.
      const next = await spare;
      const deadRelayUrl = `http://127.0.0.1:${await freePort()}`;
      await next.open({ dir: env.registerDir(0), paired: env.paired[0]!, relayUrl: deadRelayUrl, seed: rng.int(0, 0xffffffff) });
      const atOpen = await next.state();
      await next.sell(2);
      await next.close();
      await next.open({ dir: env.registerDir(0), paired: env.paired[0]!, relayUrl: env.relay.url, seed: rng.int(0, 0xffffffff) });
      await next.waitFor((s) => s.unsyncedCount === 0 && s.connection === "connected", 60_000, "synced after the restart");
      await sleep(500);
      const after = await next.state();
      await next.exit();
      await env.relay.stop();

      const deviceNumbers = sales(after.events).map((e) => receiptNumberOf(e)!);
      const relayEvents = (await readRelayDisk(env.dataDir)).journals.flatMap((j) => j.events);
      const relayNumbers = sales(relayEvents).map((e) => receiptNumberOf(e)!);
      const reported = new Set([...first.sold.keys(), ...next.sold.keys()]);
      const unreported = sales(relayEvents).filter((e) => !reported.has(e.id));
      const dups = [...new Set(relayNumbers.filter((n, i) => relayNumbers.indexOf(n) !== i))];
      figures.acknowledged += reported.size;
      figures.duplicates += duplicateCount(deviceNumbers) + duplicateCount(relayNumbers);
      bump(figures, "sales on the relay that sell() never confirmed", unreported.length);
      bump(figures, "of those missing from the device's storage at reopen", unreported.filter((e) => !atOpen.events.some((x) => x.id === e.id)).length);
      log(`  killed ${killAfter} ms into a sale with ${writeDelayMs} ms writes: unconfirmed sales on the relay ${unreported.length}, duplicate numbers ${dups.join(", ") || "none"}`);
      bump(figures, "unhandled rejections", env.rejections().length);
      figures.crashes += env.crashes().length;
      if (dups.length > 0) {
        throw new Violation(
          `receipt number(s) ${dups.join(", ")} used twice: a sale that reached the relay before the device's own write ` +
            `(killed ${killAfter} ms into sell(), writes delayed ${writeDelayMs} ms) was numbered again after the restart`,
        );
      }
      if (env.crashes().length > 0) throw new Violation(`crashes: ${env.crashes().join("\n")}`);
    });
  });
}
