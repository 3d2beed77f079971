import * as A from "@automerge/automerge/slim";
import { isWritableJournal } from "@kasa/documents";

/**
 * What is wrong with a journal's copy on this device (SPEC S15):
 * - `unloadable`: a chunk could not be decoded and the journal did not load until the bad chunk was set aside;
 * - `creation-missing`: the change that created the journal is missing, so it has no event map and takes no events;
 * - `history-missing`: changes this register flushed, or the relay acknowledged, are not in the loaded copy.
 */
export type JournalProblem = "unloadable" | "creation-missing" | "history-missing";

export interface DamagedJournal {
  readonly url: string;
  readonly documentId: string;
  readonly problem: JournalProblem;
  /** What the loader said, or which heads are missing. */
  readonly detail: string;
  /** Chunks that could not be decoded, kept aside under `kasa-damaged` (never deleted). */
  readonly chunksSetAside: number;
  /** True until the copy is whole again or holds everything the relay has of it. */
  readonly recovering: boolean;
  /** After recovery: what the relay could not give back (changes that existed only on this device). */
  readonly unrecovered?: string;
}

/**
 * Checks a loaded journal against what this device knows it held: the heads it flushed itself and
 * the heads the relay acknowledged. Cheap: `hasHeads` looks the hashes up, it reads no events.
 */
export function journalProblem(doc: unknown, expectedHeads: readonly (readonly string[] | undefined)[]): { problem: JournalProblem; detail: string } | undefined {
  if (!isWritableJournal(doc)) return { problem: "creation-missing", detail: "the journal's creation (kind and event map) did not load" };
  const d = doc as A.Doc<unknown>;
  for (const heads of expectedHeads) {
    if (!heads || heads.length === 0) continue;
    const missing = heads.filter((h) => !A.hasHeads(d, [h]));
    if (missing.length > 0) return { problem: "history-missing", detail: `missing change(s) ${missing.map((h) => h.slice(0, 12)).join(", ")}` };
  }
  return undefined;
}
