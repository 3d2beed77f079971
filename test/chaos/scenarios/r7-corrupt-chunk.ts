import { readdir, readFile, stat, truncate, writeFile } from "node:fs/promises";
import * as A from "@automerge/automerge";
import { join } from "node:path";
import { freePort } from "../../support/relay-process.js";
import { readRelayDisk } from "../../support/chaos-env.js";
import { RegisterProcess } from "../../support/register-process.js";
import type { Rng } from "../../support/prng.js";
import type { WorkerState } from "../../support/register-protocol.js";
import { bump, describeIds, runBatch, sales, sleep, Violation, withEnv, type Figures, type ScenarioOptions } from "../harness.js";

export type Damage = "truncate" | "flip" | "empty";
const DAMAGES: readonly Damage[] = ["truncate", "flip", "empty"];

export interface R7Outcome {
  readonly damage: Damage;
  readonly file: string;
  readonly docId: string;
  /** Sales the device had before the damage. */
  readonly sold: number;
  /** Of those, synced (on the relay) before the damage. */
  readonly synced: number;
  readonly openError?: string;
  /** Sales missing on the device after reopening (relay unreachable). */
  readonly missingOnDevice: number;
  /** The Repo itself refused to load the journal (the worker's own repo.find, not the session). */
  readonly journalUnloadable: boolean;
  /** The register named the document: open() failed naming it, or its snapshot or output names it. */
  readonly reported: boolean;
  /** Sales on neither the device nor the relay after reconnecting: gone for good. */
  readonly lostForGood: number;
  /** Of the sales missing on the device, those that were synced before the damage (the relay has them). */
  readonly missingSynced: number;
  /** Sales missing on the device that came back from the relay within 10 s of reconnecting. */
  readonly recoveredFromRelay: number;
  /** The register document's entry for the day now points to a different journal. */
  readonly journalReplaced: boolean;
  /** Sales completed (sell() resolved) after the damage, offline then online. */
  readonly soldAfterDamage: number;
  /** Of those, the ones missing on the device or the relay after reconnecting. */
  readonly lostAfterDamage: readonly string[];
  readonly lostAfterDamageWhere: string;
  /** What a sale right after reopening, offline, did: "ok", "refused: …" or "threw: …". */
  readonly sellOffline: string;
  /** What a sale after reconnecting (and up to 10 s for the relay's copy) did. */
  readonly sellAfter: string;
}

/**
 * R7 (device part) — one chunk file of a register's journal (NodeFS storage) is damaged while the
 * register is closed: truncated (a torn write), bytes flipped (bit rot), or emptied. The register
 * is reopened with the relay unreachable, then with the relay back. Must hold: if the damage cost
 * anything (events missing, or the journal won't load), the register reports it naming the
 * document. Measured besides: what was lost on the device, what came back from the relay, what
 * is gone for good. `count` = number of damaged chunks, each on a fresh register.
 */
export async function r7CorruptChunk(o: R7Options): Promise<Figures> {
  const name = o.target === "root" ? "R7-ROOT" : o.target === "harmful" ? "R7" : "R7R";
  return runBatch(name, o, 1, async ({ rng, figures, log, keepDir, fail }) => {
    await oneCorruption(rng, figures, o, keepDir, (outcome) => judge(outcome, o, figures, log, fail));
  });
}

export interface R7Options extends ScenarioOptions {
  readonly onOutcome?: (x: R7Outcome) => void;
  /**
   * "random" (default): any chunk, any damage — measures how often damage matters at all.
   * "harmful": empty a chunk whose loss removes at least one event but leaves the journal's event
   * map (found by loading the journal without it), so the run always tests detection.
   * "root": empty the chunk that holds the journal's creation, so the journal loads with no event
   * map at all.
   */
  readonly target?: "random" | "harmful" | "root";
}

/** Failure kind for damage that cost data and that the register did not report. */
export const NOT_DETECTED = "not-detected";
/** Failure kind for sales completed after the damage that vanish once the relay's copy merges in. */
export const LOST_AFTER_DAMAGE = "lost-after-damage";
/** Failure kind for a register that can no longer sell after the damage. */
export const CANNOT_SELL = "cannot-sell";

function judge(outcome: R7Outcome, o: { onOutcome?: (x: R7Outcome) => void }, figures: Figures, log: (line: string) => void, fail: (kind: string, message: string) => void): void {
  figures.runs++;
  o.onOutcome?.(outcome);
  figures.acknowledged += outcome.sold;
  // The damaged chunk was the only copy of unsynced sales: those are gone whatever the software does.
  // "lost" counts only synced sales gone for good (checked in oneCorruption, a violation).
  bump(figures, "unsynced sales gone for good (their only copy was damaged)", outcome.lostForGood);
  bump(figures, `damage ${outcome.damage}`);
  bump(figures, "sales missing on the device after reopening", outcome.missingOnDevice);
  bump(figures, "journals the Repo refused to load", outcome.journalUnloadable ? 1 : 0);
  bump(figures, "open() failed", outcome.openError ? 1 : 0);
  bump(figures, "reported naming the document", outcome.reported ? 1 : 0);
  bump(figures, "of those synced before the damage", outcome.missingSynced);
  bump(figures, "recovered from the relay within 10 s", outcome.recoveredFromRelay);
  bump(figures, "day index re-pointed to a new journal", outcome.journalReplaced ? 1 : 0);
  const harmed = outcome.missingOnDevice > 0 || outcome.journalUnloadable || outcome.openError !== undefined;
  bump(figures, "damage with an effect", harmed ? 1 : 0);
  bump(figures, "registers that could not sell offline afterwards", outcome.sellOffline === "ok" ? 0 : 1);
  bump(figures, "registers that could not sell once reconnected", outcome.sellAfter === "ok" ? 0 : 1);
  log(
    `  ${outcome.damage} ${outcome.file}: ${outcome.sold} sold (${outcome.synced} synced) → missing on device ${outcome.missingOnDevice} (${outcome.missingSynced} synced), ` +
      `unloadable ${outcome.journalUnloadable}, open error ${outcome.openError ? "yes" : "no"}, reported ${outcome.reported}, ` +
      `recovered from relay ${outcome.recoveredFromRelay}, lost for good ${outcome.lostForGood}, journal replaced ${outcome.journalReplaced}, sale offline ${outcome.sellOffline}, sale reconnected ${outcome.sellAfter}`,
  );
  figures.lost += outcome.lostAfterDamage.length;
  bump(figures, "sales completed after the damage", outcome.soldAfterDamage);
  bump(figures, "of those lost after reconnecting", outcome.lostAfterDamage.length);
  if (outcome.lostAfterDamage.length > 0) {
    fail(
      LOST_AFTER_DAMAGE,
      `${outcome.lostAfterDamage.length} of ${outcome.soldAfterDamage} sale(s) completed after ${outcome.damage} of ${outcome.file} are missing after reconnecting ` +
        `(${outcome.lostAfterDamageWhere}): ${describeIds(outcome.lostAfterDamage)}`,
    );
  }
  if (outcome.sellOffline !== "ok" || outcome.sellAfter !== "ok") {
    fail(CANNOT_SELL, `after ${outcome.damage} of ${outcome.file} (journal ${outcome.docId}) the register can't sell: offline ${outcome.sellOffline}; reconnected ${outcome.sellAfter}`);
  }
  if (harmed && !outcome.reported) {
    fail(
      NOT_DETECTED,
      `${outcome.damage} of ${outcome.file} (journal ${outcome.docId}) cost ${outcome.missingOnDevice} of ${outcome.sold} sales on the device` +
        `${outcome.journalUnloadable ? " (the journal no longer loads)" : ""} and the register did not report it` +
        `${outcome.lostForGood > 0 ? `; ${outcome.lostForGood} unsynced sale(s) are gone for good` : ""}`,
    );
  }
}

async function oneCorruption(rng: Rng, figures: Figures, o: R7Options, keepDir: (d: string) => void, judge: (x: R7Outcome) => void): Promise<void> {
  const index = figures.runs;
  return withEnv({ registers: 1, rng, name: "r7", keepDir }, async (env) => {
    // The processes that reopen the register start now, while the first one sells: starting Node with tsx is slow.
    const spares = [RegisterProcess.spawn("R7-reopened"), RegisterProcess.spawn("R7-online")];
    for (const s of spares) void s.then((p) => env.registers.push(p), () => undefined);
    const deadRelayUrl = `http://127.0.0.1:${await freePort()}`;
    const dir = env.registerDir(0);
    const paired = env.paired[0]!;
    const first = env.registers[0]!;
    // Some sales synced to the relay, then some made with the relay down (only on the device).
    await first.sell(rng.int(10, 16));
    await first.waitFor((s) => s.unsyncedCount === 0, 60_000, "first sales synced");
    await env.relay.kill9();
    await first.waitFor((s) => s.connection !== "connected", 30_000, "offline");
    await first.sell(rng.int(10, 16));
    if (o.target === "harmful") {
      // Right after a compaction the journal is one snapshot: sell on until an incremental chunk holds a sale.
      const docId = (await first.state()).journalUrls[0]!.replace("automerge:", "");
      for (let extra = 0; extra < 30; extra++) {
        // Read while the register runs: a file caught mid-write just means "look again after one more sale".
        const effects = await chunkEffects(dir, await journalChunkFiles(dir, docId)).catch(() => []);
        if (effects.some((e) => e.eventMapLeft && e.eventsLost > 0)) break;
        await first.sell(1);
      }
    }
    const before = await first.state();
    const soldIds = sales(before.events).map((e) => e.id);
    const syncedIds = new Set(before.receiptList.filter((r) => r.synced).map((r) => r.id));
    const journalUrl = before.journalUrls[0]!;
    const docId = journalUrl.replace("automerge:", "");
    await first.exit();

    // Damage one chunk file of the journal.
    const chunkFiles = await journalChunkFiles(dir, docId);
    if (chunkFiles.length === 0) throw new Error(`no chunk files for journal ${docId} in ${dir}`);
    let file = rng.pick(chunkFiles);
    let damage = DAMAGES[(index + rng.int(0, DAMAGES.length - 1)) % DAMAGES.length]!;
    if (o.target === "harmful" || o.target === "root") {
      const effects = await chunkEffects(dir, chunkFiles);
      const candidates = effects.filter((e) => (o.target === "root" ? !e.eventMapLeft : e.eventMapLeft && e.eventsLost > 0)).map((e) => e.file);
      if (candidates.length === 0) throw new Error(`no chunk of journal ${docId} fits target "${o.target}": ${JSON.stringify(effects)}`);
      file = rng.pick(candidates);
      damage = "empty";
    }
    await damageFile(join(dir, file), damage, rng);

    // Reopen with the relay unreachable: what does the device alone say?
    const second = await spares[0]!;
    let openError: string | undefined;
    let after: WorkerState | undefined;
    try {
      await second.open({ dir, paired, relayUrl: deadRelayUrl, seed: rng.int(0, 0xffffffff) });
      after = await second.state();
    } catch (error) {
      openError = String(error instanceof Error ? error.message : error);
    }
    const onDevice = new Set(after ? sales(after.events).map((e) => e.id) : []);
    const missing = soldIds.filter((id) => !onDevice.has(id));
    const journalUnloadable = after ? after.unloadableJournals.some((j) => j.url === journalUrl) : false;
    const reported =
      (openError?.includes(docId) ?? false) || (after?.snapshotRest.includes(docId) ?? false) || second.output.includes(docId);
    // Can the till still sell, offline, right after the damage?
    const trySell = (p: RegisterProcess): Promise<string> =>
      p.sell(1).then(
        (n) => (n === 1 ? "ok" : `refused: ${p.sellFailures.at(-1) ?? "?"}`),
        (error: unknown) => `threw: ${String(error instanceof Error ? error.message : error).split("\n")[0]}`,
      );
    const sellOffline = after ? await trySell(second) : "not open";
    const offlineJournals = after ? (await second.state()).journalUrls : [];

    // Back online: what comes back from the relay, what is gone for good?
    let journalReplaced = false;
    let sellAfter = "not tried";
    let recovered = 0;
    let lostForGood = missing.length;
    const finalOnDevice = new Set<string>();
    await second.exit();
    await env.relay.start();
    const third = await spares[1]!;
    try {
      await third.open({ dir, paired, relayUrl: env.relay.url, seed: rng.int(0, 0xffffffff) });
      await third.waitFor((s) => s.connection === "connected", 30_000, "reconnected");
      // Give the relay's copy 10 s to bring back the synced sales the damage took (a journal the session didn't open never will).
      const missingSynced = missing.filter((id) => syncedIds.has(id));
      for (const until = Date.now() + 10_000; missingSynced.length > 0 && Date.now() < until; await sleep(500)) {
        const back = new Set(sales((await third.state()).events).map((e) => e.id));
        if (missingSynced.every((id) => back.has(id))) break;
      }
      sellAfter = await trySell(third);
      // Let what was sold since the damage reach the relay before looking.
      await third.waitFor((s) => s.unsyncedCount === 0, 30_000).catch(() => undefined);
      const online = await third.state();
      journalReplaced = !online.journalUrls.includes(journalUrl) || !offlineJournals.includes(journalUrl);
      const nowOnDevice = new Set(sales(online.events).map((e) => e.id));
      recovered = missing.filter((id) => nowOnDevice.has(id)).length;
      for (const id of nowOnDevice) finalOnDevice.add(id);
      await third.exit();
    } catch (error) {
      await third.kill9();
      throw error;
    }
    await env.relay.stop();
    const onRelay = new Set<string>((await readRelayDisk(env.dataDir)).journals.flatMap((j) => j.events.map((e) => e.id)));
    lostForGood = missing.filter((id) => !onRelay.has(id)).length;
    const lostSynced = missing.filter((id) => syncedIds.has(id) && !onRelay.has(id));
    // Sales completed after the damage (sell() resolved, offline and then online) must survive the merge with the relay's copy.
    const afterDamage = [...second.sold.keys(), ...third.sold.keys()];
    const lostAfter = afterDamage.filter((id) => !onRelay.has(id) || !finalOnDevice.has(id));
    figures.lost += lostSynced.length;
    figures.crashes += env.crashes().length;
    if (env.crashes().length > 0) throw new Violation(`crashes: ${env.crashes().join("\n")}`);
    if (lostSynced.length > 0) throw new Violation(`synced sales missing on the relay too: ${describeIds(lostSynced)}`);

    judge({
      damage,
      file,
      docId,
      sold: soldIds.length,
      synced: syncedIds.size,
      ...(openError !== undefined ? { openError } : {}),
      missingOnDevice: missing.length,
      missingSynced: missing.filter((id) => syncedIds.has(id)).length,
      journalUnloadable,
      reported,
      lostForGood,
      recoveredFromRelay: recovered,
      soldAfterDamage: afterDamage.length,
      lostAfterDamage: lostAfter,
      lostAfterDamageWhere: `device ${afterDamage.filter((id) => !finalOnDevice.has(id)).length}, relay ${afterDamage.filter((id) => !onRelay.has(id)).length}`,
      journalReplaced,
      sellOffline,
      sellAfter,
    });
  });
}

/** Chunk files of one document in a NodeFS storage folder: <dir>/<id[0..2]>/<id[2..]>/{snapshot,incremental}/<hash>. */
export async function journalChunkFiles(dir: string, docId: string): Promise<string[]> {
  const base = join(docId.slice(0, 2), docId.slice(2));
  const files: string[] = [];
  for (const kind of ["snapshot", "incremental"]) {
    const names = await readdir(join(dir, base, kind)).catch(() => [] as string[]);
    files.push(...names.sort().map((n) => join(base, kind, n)));
  }
  return files;
}

/** What losing each chunk does: the journal loaded without it, as automerge-repo loads it (snapshots first, then incrementals). */
async function chunkEffects(dir: string, files: readonly string[]): Promise<{ file: string; eventsLost: number; eventMapLeft: boolean }[]> {
  const bytes = new Map<string, Uint8Array>();
  for (const f of files) bytes.set(f, await readFile(join(dir, f)));
  const load = (skip?: string) => {
    const parts = files.filter((f) => f !== skip).map((f) => bytes.get(f)!);
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    const doc = A.loadIncremental(A.init<{ events?: Record<string, unknown> }>(), all);
    return { events: Object.keys(doc.events ?? {}).length, eventMap: doc.events !== undefined };
  };
  const full = load().events;
  return files.map((file) => {
    const without = load(file);
    return { file, eventsLost: full - without.events, eventMapLeft: without.eventMap };
  });
}

async function damageFile(path: string, damage: Damage, rng: Rng): Promise<void> {
  const size = (await stat(path)).size;
  if (damage === "empty") return truncate(path, 0);
  if (damage === "truncate") return truncate(path, rng.int(1, Math.max(1, size - 1)));
  const bytes = await readFile(path);
  for (let i = rng.int(1, 4); i > 0; i--) {
    const at = rng.int(0, bytes.length - 1);
    bytes[at] = bytes[at]! ^ (1 << rng.int(0, 7));
  }
  await writeFile(path, bytes);
}
