import { test } from "vitest";
import { r7RelayCorruptChunk } from "./scenarios/r7-relay-corrupt-chunk.js";
import { CHAOS_TIMEOUT_MS, ciSeed, expectClean, log, quickCount } from "./ci.js";

// R7, relay part (test/chaos/README.md; relay SPEC-storage ST26): a damaged chunk of a journal in
// the relay's documents.sqlite is detected and quarantined naming the document, other documents
// load, and the register that still has the journal repairs the relay's copy.
test(
  "R7-RELAY ST26 a damaged journal chunk in the relay's storage is reported naming the document, other documents load, the register's copy repairs it",
  async () => {
    expectClean(await r7RelayCorruptChunk({ count: quickCount("R7-RELAY"), seed: ciSeed(), log }));
  },
  CHAOS_TIMEOUT_MS,
);
