// A register in its own process, driven over IPC by a chaos test (see register-process.ts).
// Run as `node --import tsx test/support/register-worker.ts` with an IPC channel (child_process.fork).
// It can be SIGKILLed at any moment: every "sold" report is sent only after sell() resolved.
import fs from "node:fs";
import type { AutomergeUrl, Repo, StorageAdapterInterface } from "@automerge/automerge-repo/slim";
import { RegisterSession, flushAndShutdown, type RegisterSnapshot } from "@kasa/sync";
import { createNodeRegisterRepo } from "@kasa/sync/node";
import { readJournalEvents } from "@kasa/documents";
import type { ItemId, KasaEvent, SaleInput, TicketLineInput } from "@kasa/domain";
import { mulberry32, type Rng } from "./prng.js";
import { systemIds } from "./node-register.js";
import type { WorkerEvent, WorkerMessage, WorkerRequest, WorkerState, WorkerStatus } from "./register-protocol.js";

// Fault injection (setWriteDelay): delay every fs.promises.writeFile, which the NodeFS storage adapter uses.
let writeDelayMs = 0;
const writeFile = fs.promises.writeFile;
fs.promises.writeFile = (async (...args: Parameters<typeof writeFile>) => {
  if (writeDelayMs > 0) await new Promise((r) => setTimeout(r, writeDelayMs));
  return writeFile(...args);
}) as typeof writeFile;

if (!process.send) {
  console.error("register-worker must be started with an IPC channel (child_process.fork)");
  process.exit(2);
}

const send = (m: WorkerMessage): void => {
  // A closed channel means the parent is gone or killing us: nothing to report to.
  if (process.connected) process.send!(m);
};
const emit = (e: WorkerEvent): void => send(e);

process.on("uncaughtException", (err) => {
  emit({ ev: "error", kind: "uncaughtException", message: String(err?.stack ?? err) });
  // An uncaught exception is a crash: leave like Node would.
  setTimeout(() => process.exit(70), 20);
});
process.on("unhandledRejection", (reason) => {
  emit({ ev: "error", kind: "unhandledRejection", message: String((reason as Error)?.stack ?? reason) });
});

interface Open {
  readonly repo: Repo;
  readonly storage: StorageAdapterInterface;
  readonly session: RegisterSession;
  readonly unsubscribe: () => void;
}

let current: Open | undefined;
let rng: Rng = mulberry32(1);
let selling: { stop: boolean; done: Promise<void> } | undefined;
const reportedSynced = new Set<string>();

function need(): Open {
  if (!current) throw new Error("register is not open");
  return current;
}

async function open(req: Extract<WorkerRequest, { op: "open" }>): Promise<WorkerStatus> {
  if (current) throw new Error("already open");
  rng = mulberry32(req.seed);
  const { repo, storage, connection } = createNodeRegisterRepo({ dir: req.dir, paired: req.paired, relayHttpUrl: req.relayUrl, retry: { initialMs: 100, maxMs: 500 } });
  const session = await RegisterSession.open({ repo, storage, paired: req.paired, connection, ids: systemIds });
  const unsubscribe = session.subscribe(() => reportSynced(session.snapshot));
  current = { repo, storage, session, unsubscribe };
  reportSynced(session.snapshot);
  return status();
}

function reportSynced(s: RegisterSnapshot): void {
  const ids: string[] = [];
  for (const r of s.receipts) {
    if (r.synced && !reportedSynced.has(r.event.id)) {
      reportedSynced.add(r.event.id);
      ids.push(r.event.id);
    }
  }
  if (ids.length > 0) emit({ ev: "synced", ids });
}

async function close(): Promise<void> {
  await stopSelling();
  const o = current;
  if (!o) return;
  current = undefined;
  o.unsubscribe();
  await o.session.close();
  await flushAndShutdown(o.repo);
}

function saleInput(s: RegisterSnapshot): SaleInput {
  const items = Object.values(s.store.catalog.items).filter((i) => i.soldBy === "each" && !(i.variants && i.variants.length > 0));
  const lines: TicketLineInput[] = [];
  for (let i = rng.int(1, 3); i > 0; i--) lines.push({ itemId: rng.pick(items).id as ItemId, quantityMilli: 1000 * rng.int(1, 3) });
  // Cash with plenty received: the till gives change, so the total needn't be known here.
  return { lines, payments: [{ type: "cash", received: 1_000_000 }] };
}

async function sellOne(): Promise<boolean> {
  const { session } = need();
  const r = await session.sell(saleInput(session.snapshot));
  if (!r.ok) {
    emit({ ev: "sell-failed", code: r.error.code, message: r.error.message });
    return false;
  }
  emit({ ev: "sold", id: r.value.id, number: r.value.payload.receipt.number });
  return true;
}

function startSelling(minPauseMs: number, maxPauseMs: number): void {
  if (selling) throw new Error("already selling");
  const state = { stop: false, done: Promise.resolve() };
  state.done = (async () => {
    while (!state.stop && current) {
      await sellOne();
      const pause = rng.int(minPauseMs, maxPauseMs);
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    }
  })();
  selling = state;
}

async function stopSelling(): Promise<void> {
  const s = selling;
  if (!s) return;
  s.stop = true;
  await s.done;
  selling = undefined;
}

function status(): WorkerStatus {
  if (!current) return { open: false, unsyncedCount: -1, connection: "closed", receipts: 0, syncedReceipts: 0, shiftOpen: false };
  const s = current.session.snapshot;
  const c = s.connection;
  const error = c.lastRejection ? `rejected ${c.lastRejection.code} ${c.lastRejection.reason}` : c.lastError;
  return {
    open: true,
    unsyncedCount: s.unsyncedCount,
    connection: c.state,
    ...(error !== undefined ? { connectionError: error } : {}),
    receipts: s.receipts.length,
    syncedReceipts: s.receipts.filter((r) => r.synced).length,
    shiftOpen: s.shift !== undefined,
  };
}

async function state(): Promise<WorkerState> {
  const { repo, session } = need();
  const events: KasaEvent[] = [];
  const unloadableJournals: { url: string; error: string }[] = [];
  for (const url of session.journalUrls) {
    try {
      const handle = await repo.find(url as AutomergeUrl);
      events.push(...(readJournalEvents(handle.doc()) as KasaEvent[]));
    } catch (error) {
      unloadableJournals.push({ url, error: String(error) });
    }
  }
  const s = session.snapshot;
  const { store: _store, receipts: _receipts, shift: _shift, ...rest } = s;
  return {
    ...status(),
    snapshotRest: JSON.stringify(rest),
    receiptList: s.receipts.map((r) => ({ id: r.event.id, number: r.event.payload.receipt.number, synced: r.synced })),
    events,
    journalUrls: session.journalUrls,
    unloadableJournals,
    shifts: await session.shiftHistory(10_000),
  };
}

async function shift(action: "open" | "in" | "out" | "close", amount: number): Promise<string> {
  const { session } = need();
  const r =
    action === "open"
      ? await session.openShift(amount)
      : action === "close"
        ? // Counted cash: the expected amount give or take `amount` (never below zero), so closes show differences both ways.
          await session.closeShift(Math.max(0, (session.snapshot.shift?.report.expectedCash ?? 0) + (amount % 2 === 0 ? amount : -amount)))
        : await session.moveCash(action, amount, `chaos ${action}`);
  return r.ok ? "ok" : r.error.code;
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.op) {
    case "open":
      return open(req);
    case "close":
      return close();
    case "sell": {
      let sold = 0;
      for (let i = 0; i < req.count; i++) if (await sellOne()) sold++;
      return sold;
    }
    case "startSelling":
      return startSelling(req.minPauseMs, req.maxPauseMs);
    case "stopSelling":
      return stopSelling();
    case "shift":
      return shift(req.action, req.amount);
    case "setWriteDelay":
      writeDelayMs = req.ms;
      return undefined;
    case "status":
      return status();
    case "state":
      return state();
    case "exit":
      await close();
      setTimeout(() => process.exit(0), 10);
      return undefined;
  }
}

process.on("message", (raw: unknown) => {
  const { id, req } = raw as { id: number; req: WorkerRequest };
  handle(req).then(
    (value) => send({ reply: id, ok: true, value: value ?? null }),
    (error: unknown) => send({ reply: id, ok: false, error: String((error as Error)?.stack ?? error) }),
  );
});
// The parent going away (test aborted) must not leave registers running.
process.on("disconnect", () => process.exit(0));

emit({ ev: "ready" });
