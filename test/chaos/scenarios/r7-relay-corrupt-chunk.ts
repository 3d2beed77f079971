import { join } from "node:path";
import * as A from "@automerge/automerge";
import Database from "better-sqlite3";
import { verifyDataDir } from "@kasa/relay-server";
import { readJournalEvents } from "@kasa/documents";
import { readRelayDisk } from "../../support/chaos-env.js";
import type { RegisterProcess } from "../../support/register-process.js";
import type { Rng } from "../../support/prng.js";
import { bump, describeIds, duplicateCount, receiptNumberOf, runBatch, sales, sleep, Violation, withEnv, type Figures, type ScenarioOptions } from "../harness.js";

type Damage = "flip" | "truncate" | "empty";
const DAMAGES: readonly Damage[] = ["flip", "truncate", "empty"];

/**
 * R7 (relay part) — one chunk of a register's journal in the relay's `documents.sqlite` is damaged
 * while the relay is stopped (bits flipped, truncated or emptied; a random snapshot or incremental
 * chunk). The relay restarts. Must hold (relay SPEC-storage ST26):
 * - detected and reported naming the document: the relay logs `STORAGE_CHUNK_DAMAGED` with the
 *   journal's id when it loads it, and the chunk is in `automerge_chunks_quarantine`;
 * - other documents load: the other register (store document, its register document and journal)
 *   reconnects, and a new sale of it is synced;
 * - repaired: the damaged journal's register, which still has its copy, reconnects; afterwards
 *   the relay's disk has every event the journal had before the damage, each once, and the whole
 *   data folder passes `verify` (every document loads strictly).
 * `count` = damaged chunks, each on a fresh relay with 2 registers.
 */
export async function r7RelayCorruptChunk(o: ScenarioOptions): Promise<Figures> {
  return runBatch("R7-RELAY", o, 1, async ({ rng, figures, log, keepDir }) => {
    await withEnv({ registers: 2, rng, name: "r7relay", keepDir }, async (env) => {
      const [r1, r2] = env.registers as [RegisterProcess, RegisterProcess];
      const problems: string[] = [];
      const reopen = async (i: number): Promise<void> => {
        await env.registers[i]!.open({ dir: env.registerDir(i), paired: env.paired[i]!, relayUrl: env.relay.url, seed: rng.int(0, 0xffffffff) });
      };
      const allSynced = (r: RegisterProcess, what: string) =>
        r.waitFor((s) => s.connection === "connected" && s.unsyncedCount === 0, 60_000, what).catch((error: unknown) => {
          throw new Error(`${String(error)}\nrelay output:\n${env.relay.output.slice(-3000)}`);
        });

      // Rounds of sales with pauses, so the relay stores the journal as several chunks.
      const rounds = rng.int(3, 5);
      for (let i = 0; i < rounds; i++) {
        await r1.sell(rng.int(1, 3));
        await r2.sell(1);
        await sleep(rng.int(150, 400));
      }
      await Promise.all([allSynced(r1, "R1 synced"), allSynced(r2, "R2 synced")]);
      figures.acknowledged += (await r1.status()).syncedReceipts + (await r2.status()).syncedReceipts;
      await r1.close();
      await r2.close();
      await env.relay.stop();

      const before = await readRelayDisk(env.dataDir);
      const journal = before.journals.find((j) => j.registerId === env.paired[0]!.registerId);
      if (!journal) throw new Violation("register 1's journal is not on the relay's disk");
      const damaged = damageOneChunk(join(env.dataDir, "documents.sqlite"), journal.docId, rng);
      bump(figures, `damage ${damaged.damage} ${damaged.kind}`);
      bump(figures, "events the damage cost", damaged.eventsLost);
      log(`R7-RELAY ${damaged.damage} ${damaged.kind} chunk of ${journal.docId} (${damaged.chunks} chunks; costs ${damaged.eventsLost} of ${journal.events.length} events)`);

      await env.relay.start();
      // Other documents load: register 2 reconnects and a new sale of it becomes durable.
      await reopen(1);
      await allSynced(r2, "R2 synced after the relay restarted");
      await r2.sell(1);
      await allSynced(r2, "R2's new sale synced");
      // Register 1 reconnects with its copy: the relay loads the damaged journal (detection), then syncs it whole again.
      await reopen(0);
      await allSynced(r1, "R1 synced after the relay restarted");
      await r1.sell(1);
      await allSynced(r1, "R1's new sale synced");
      figures.acknowledged += 2;
      // A little time for the relay to store what R1 sent back (its durable acks cover new sales only).
      await sleep(1_000);

      const output = env.relay.output;
      const detected = output.split("\n").some((l) => l.includes("STORAGE_CHUNK_DAMAGED") && l.includes(journal.docId));
      if (detected) bump(figures, "detected, naming the document");
      else problems.push(`the relay did not report the damaged chunk of ${journal.docId}; relay output:\n${output.slice(-2000)}`);
      await r1.close();
      await r2.close();
      await env.relay.stop();

      const quarantined = quarantinedKeys(join(env.dataDir, "documents.sqlite"));
      if (quarantined.includes(damaged.key)) bump(figures, "quarantined");
      else problems.push(`chunk ${damaged.key} is not in the quarantine table (${quarantined.length} there)`);

      const after = await readRelayDisk(env.dataDir);
      const repaired = after.journals.find((j) => j.docId === journal.docId);
      const ids = repaired?.events.map((e) => e.id) ?? [];
      const lost = journal.events.filter((e) => !ids.includes(e.id)).map((e) => e.id);
      figures.lost += lost.length;
      if (lost.length > 0) problems.push(`events of the damaged journal still missing on the relay after register 1 reconnected: ${describeIds(lost)}`);
      else if (damaged.eventsLost > 0) bump(figures, "repaired from the register");
      const dupIds = duplicateCount(ids);
      const numbers = after.journals.flatMap((j) => sales(j.events).map((e) => `${j.registerId}:${receiptNumberOf(e)}`));
      const dupNumbers = duplicateCount(numbers);
      figures.duplicates += dupIds + dupNumbers;
      if (dupIds + dupNumbers > 0) problems.push(`${dupIds} event id(s) and ${dupNumbers} receipt number(s) twice on the relay`);
      const verify = await verifyDataDir(env.dataDir);
      if (verify.ok) bump(figures, "verify ok after repair");
      else problems.push(`verify after repair: ${JSON.stringify(verify.documents.broken)} ${JSON.stringify(verify.files.filter((f) => !f.ok))}`);
      if (after.loadErrors.length > 0) problems.push(`documents that don't load: ${after.loadErrors.join("; ")}`);

      const crashes = env.crashes();
      figures.crashes += crashes.length;
      if (crashes.length > 0) problems.push(`crashes:\n${crashes.join("\n")}`);
      figures.runs++;
      if (problems.length > 0) throw new Violation(problems.join("\n"));
    });
  });
}

/**
 * Damages one snapshot or incremental chunk of `docId` in a stopped relay's documents file and
 * says how many of the journal's events the loss of that chunk costs (loaded without it, as
 * automerge-repo would).
 */
function damageOneChunk(file: string, docId: string, rng: Rng): { key: string; kind: string; damage: Damage; chunks: number; eventsLost: number } {
  const db = new Database(file);
  try {
    const rows = db.prepare("SELECT key, data FROM automerge_chunks WHERE key >= ? AND key < ? ORDER BY rowid").all(`${docId}/`, `${docId}0`) as { key: string; data: Buffer }[];
    const chunks = rows.filter((r) => /\/(snapshot|incremental)\//.test(r.key));
    if (chunks.length === 0) throw new Violation(`no chunks stored for ${docId}`);
    const victim = chunks[rng.int(0, chunks.length - 1)]!;
    const kind = victim.key.includes("/snapshot/") ? "snapshot" : "incremental";
    const ordered = [...chunks.filter((c) => c.key.includes("/snapshot/")), ...chunks.filter((c) => c.key.includes("/incremental/"))];
    const events = (keep: typeof chunks) => {
      try {
        return readJournalEvents(A.loadIncremental(A.init(), Buffer.concat(keep.map((c) => c.data)))).length;
      } catch {
        return 0;
      }
    };
    const eventsLost = events(ordered) - events(ordered.filter((c) => c !== victim));
    const damage = DAMAGES[rng.int(0, DAMAGES.length - 1)]!;
    const data = Buffer.from(victim.data);
    let damagedBytes: Buffer;
    if (damage === "empty") damagedBytes = Buffer.alloc(0);
    else if (damage === "truncate") damagedBytes = data.subarray(0, rng.int(0, data.length - 1));
    else {
      damagedBytes = Buffer.from(data);
      for (let i = rng.int(1, 4); i > 0; i--) {
        const at = rng.int(0, damagedBytes.length - 1);
        damagedBytes[at] = damagedBytes[at]! ^ (1 << rng.int(0, 7));
      }
      // Two flips of the same bit cancel out: then one more.
      if (damagedBytes.equals(data)) damagedBytes[0] = damagedBytes[0]! ^ 1;
    }
    db.prepare("UPDATE automerge_chunks SET data = ? WHERE key = ?").run(damagedBytes, victim.key);
    return { key: victim.key, kind, damage, chunks: chunks.length, eventsLost };
  } finally {
    db.close();
  }
}

function quarantinedKeys(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'automerge_chunks_quarantine'").get();
    return table ? (db.prepare("SELECT key FROM automerge_chunks_quarantine").all() as { key: string }[]).map((r) => r.key) : [];
  } finally {
    db.close();
  }
}
