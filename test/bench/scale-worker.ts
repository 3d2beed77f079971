// P6: a share of the simulated registers, in one Node process (forked by scale-load.ts with an IPC
// channel). Each register is a real RegisterSession with its own NodeFS storage and its own
// WebSocket to the relay, as a Node register would run. Messages:
//   parent → { op: "open", registers: { dir, paired }[], relayUrl }   reply { ev: "opened", ms }
//   parent → { op: "run", ratePerSecond, durationMs }                  reply { ev: "done", ... }
import { performance } from "node:perf_hooks";
import { RegisterSession, type PairedRegister } from "@kasa/sync";
import { createNodeRegisterRepo } from "@kasa/sync/node";
import type { RelayClientAdapter } from "@kasa/sync";
import type { ItemId, SaleInput } from "@kasa/domain";
import type { Repo } from "@automerge/automerge-repo/slim";
import { systemIds } from "../support/node-register.js";

export type ScaleRequest =
  | { readonly op: "open"; readonly registers: readonly { readonly dir: string; readonly paired: PairedRegister }[]; readonly relayUrl: string }
  | { readonly op: "run"; readonly ratePerSecond: number; readonly durationMs: number; readonly drainMs: number }
  | { readonly op: "exit" };

export type ScaleReply =
  | { readonly ev: "opened"; readonly ms: number; readonly retries: number; readonly problems: readonly string[] }
  | {
      readonly ev: "done";
      /** Sale committed locally (sell() resolved) → the register shows it synced (the relay's durable ack), ms. */
      readonly ackMs: number[];
      /** For each entry of ackMs: when the sale was made, ms since the process's clock origin (KASA_BENCH_P6_TRACE). */
      readonly soldAtMs: number[];
      readonly sold: number;
      /** Sales still not acknowledged when the drain time ran out. */
      readonly unacked: number;
      readonly sellFailures: number;
      /** Sales that started late because the previous one had not finished: the process could not keep the rate. */
      readonly behindMs: number;
    }
  /** A request failed: the parent stops. */
  | { readonly ev: "failed"; readonly message: string }
  /** An uncaught exception or unhandled rejection: reported with the figures. */
  | { readonly ev: "error"; readonly message: string };

interface Sim {
  readonly repo: Repo;
  readonly session: RegisterSession;
  readonly pending: Map<string, number>;
}

const sims: Sim[] = [];
const OPEN_TIMEOUT_MS = 15_000;
const ackMs: number[] = [];
const soldAtMs: number[] = [];
const send = (m: ScaleReply) => process.connected && process.send!(m);

process.on("uncaughtException", (e) => send({ ev: "error", message: String(e?.stack ?? e) }));
process.on("unhandledRejection", (e) => send({ ev: "error", message: String((e as Error)?.stack ?? e) }));

/** Records the sales of `sim` that its session now shows synced. */
function sweep(sim: Sim): void {
  if (sim.pending.size === 0) return;
  const now = performance.now();
  for (const r of sim.session.snapshot.receipts) {
    const t0 = sim.pending.get(r.event.id);
    if (t0 !== undefined && r.synced) {
      ackMs.push(now - t0);
      soldAtMs.push(performance.timeOrigin + t0);
      sim.pending.delete(r.event.id);
    }
  }
}

let openRetries = 0;
/** Why opens were retried, each reason once. */
const openProblems = new Set<string>();

/**
 * Opens one register; an open that fails or does not return in 15 s is retried with a fresh Repo
 * on the same folder, counted and reported. Both were seen here with many registers opening at
 * once: "Document … is unavailable" (the Repo gave up on a document before the relay connection
 * was up) and RegisterSession.open never returning although the store document was ready.
 */
async function openOne(dir: string, paired: PairedRegister, relayUrl: string): Promise<Sim> {
  let opened: { repo: Repo; session: RegisterSession; connection: RelayClientAdapter } | undefined;
  for (let attempt = 1; !opened; attempt++) {
    const { repo, storage, connection } = createNodeRegisterRepo({ dir, paired, relayHttpUrl: relayUrl, retry: { initialMs: 500, maxMs: 5_000 } });
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      RegisterSession.open({ repo, storage, paired, connection, ids: systemIds }).then(
        (session) => ({ session }),
        (error: unknown) => ({ problem: String((error as Error)?.message ?? error).replace(/automerge:\w+/g, "automerge:…") }),
      ),
      new Promise<{ problem: string }>((r) => (timer = setTimeout(() => r({ problem: `RegisterSession.open did not return in ${OPEN_TIMEOUT_MS / 1000} s` }), OPEN_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if ("session" in outcome) opened = { repo, session: outcome.session, connection };
    else {
      openRetries++;
      openProblems.add(outcome.problem);
      await repo.shutdown().catch(() => undefined);
      if (attempt === 5) throw new Error(`register ${paired.registerId}: not open after ${attempt} attempts: ${[...openProblems].join("; ")}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const { repo, session, connection } = opened;
  const sim: Sim = { repo, session, pending: new Map() };
  session.subscribe(() => sweep(sim));
  await new Promise<void>((resolve, reject) => {
    if (connection.state === "connected") return resolve();
    const timer = setTimeout(() => reject(new Error(`register ${paired.registerId} not connected in 60 s: ${connection.state} ${connection.lastError ?? ""} ${JSON.stringify(connection.lastRejection ?? "")}`)), 60_000);
    connection.on("state", () => {
      if (connection.state !== "connected") return;
      clearTimeout(timer);
      resolve();
    });
  });
  return sim;
}

async function open(req: Extract<ScaleRequest, { op: "open" }>): Promise<void> {
  const t0 = performance.now();
  // One at a time per process: a till opening among 250 others in the same instant is not what is measured.
  for (const r of req.registers) {
    sims.push(await openOne(r.dir, r.paired, req.relayUrl));
    if (sims.length % 50 === 0) console.error(`[P6] process ${process.pid}: ${sims.length}/${req.registers.length} registers open (${openRetries} retried)`);
  }
  send({ ev: "opened", ms: performance.now() - t0, retries: openRetries, problems: [...openProblems] });
}

async function sellOne(sim: Sim): Promise<boolean> {
  const item = Object.values(sim.session.snapshot.store.catalog.items).find((i) => i.soldBy === "each" && !i.variants?.length)!;
  const input: SaleInput = { lines: [{ itemId: item.id as ItemId, quantityMilli: 1000 }], payments: [{ type: "cash", received: item.price + 1000 }] };
  const r = await sim.session.sell(input);
  if (!r.ok) return false;
  sim.pending.set(r.value.id, performance.now());
  // The relay's ack can reach the session before sell() resolves (its flush to disk is the slower
  // part): then the notification that showed it synced came before the sale was pending, and
  // without this look it would be counted at the register's next sale, seconds later.
  sweep(sim);
  return true;
}

/** Sales at a fixed rate, round-robin over the registers; each sale is not awaited by the next. */
async function run(req: Extract<ScaleRequest, { op: "run" }>): Promise<void> {
  const interval = 1000 / req.ratePerSecond;
  const start = performance.now();
  let sold = 0;
  let failures = 0;
  let behindMs = 0;
  const inFlight = new Set<Promise<void>>();
  const busy = new Set<Sim>();
  for (let i = 0; ; i++) {
    const due = start + i * interval;
    if (due - start >= req.durationMs) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else behindMs = Math.max(behindMs, -wait);
    const sim = sims[i % sims.length]!;
    // A register sells one sale at a time; with many registers this almost never waits.
    if (busy.has(sim)) continue;
    busy.add(sim);
    const p = sellOne(sim).then(
      (ok) => {
        if (ok) sold++;
        else failures++;
      },
      () => void failures++,
    );
    const tracked = p.finally(() => {
      busy.delete(sim);
      inFlight.delete(tracked);
    });
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  const drainUntil = performance.now() + req.drainMs;
  while (sims.some((s) => s.pending.size > 0) && performance.now() < drainUntil) {
    await new Promise((r) => setTimeout(r, 50));
    for (const s of sims) sweep(s);
  }
  const unacked = sims.reduce((n, s) => n + s.pending.size, 0);
  send({ ev: "done", ackMs, soldAtMs, sold, unacked, sellFailures: failures, behindMs });
}

async function exit(): Promise<void> {
  for (const s of sims) {
    await s.session.close().catch(() => undefined);
    await s.repo.shutdown().catch(() => undefined);
  }
  process.exit(0);
}

process.on("message", (req: ScaleRequest) => {
  const work = req.op === "open" ? open(req) : req.op === "run" ? run(req) : exit();
  work.catch((e: unknown) => send({ ev: "failed", message: String((e as Error)?.stack ?? e) }));
});
process.on("disconnect", () => process.exit(0));
