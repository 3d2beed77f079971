import { describe, expect, test } from "vitest";
import * as A from "@automerge/automerge";
import { hash as sha256 } from "fast-sha256";
import { chunkDamage } from "../src/chunk-check.js";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

function chunks() {
  let doc = A.from<{ events: Record<string, number> }>({ events: {} });
  const snapshot = A.save(doc);
  doc = A.change(doc, (d) => void (d.events.a = 1));
  const incremental = A.saveIncremental(doc);
  return { snapshot, incremental, incrementalKey: ["doc", "incremental", hex(sha256(incremental))] };
}

describe("chunk check (S19)", () => {
  test("S19 sound snapshot and incremental chunks pass; other keys are not judged", () => {
    const c = chunks();
    expect(chunkDamage(["doc", "snapshot", "h"], c.snapshot)).toBeUndefined();
    expect(chunkDamage(c.incrementalKey, c.incremental)).toBeUndefined();
    expect(chunkDamage(["kasa-ledger", "r1"], new Uint8Array([1, 2, 3]))).toBeUndefined();
  });

  test("S19 a flipped bit, a truncation or an empty chunk is named, in snapshots and incrementals", () => {
    const c = chunks();
    const flip = (b: Uint8Array, at: number) => {
      const copy = b.slice();
      copy[at]! ^= 0x04;
      return copy;
    };
    expect(chunkDamage(["doc", "snapshot", "h"], flip(c.snapshot, c.snapshot.length - 3))).toMatch(/checksum/);
    expect(chunkDamage(["doc", "snapshot", "h"], c.snapshot.subarray(0, c.snapshot.length - 5))).toMatch(/truncated/);
    expect(chunkDamage(["doc", "snapshot", "h"], new Uint8Array())).toBe("empty chunk");
    expect(chunkDamage(c.incrementalKey, flip(c.incremental, 12))).toMatch(/hash/);
    expect(chunkDamage(c.incrementalKey, c.incremental.subarray(0, 8))).toMatch(/hash/);
  });
});
