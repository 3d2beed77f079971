import { describe, expect, test } from "vitest";
import { cbor } from "@automerge/automerge-repo/slim";
import { docIdOf } from "../src/db/directory.js";
import { addStore, cleanup, deviceRepo, pair, startRelay } from "./support/relay-fixture.js";
import { emptySyncData, joinFrame, rawSocket } from "./support/raw-peer.js";

/** Quick in CI; `KASA_FUZZ_FRAMES=100000` for the long run (README). */
const FRAMES = Number(process.env.KASA_FUZZ_FRAMES ?? 2_000);
const SEED = Number(process.env.KASA_FUZZ_SEED ?? 20261129);
const CONCURRENCY = 16;
const MAX_FRAME = 64 * 1024;

/** mulberry32: small, seeded, good enough to pick cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Case = { name: string; frames: Uint8Array[]; codes: number[] };

describe("malformed frames", () => {
  test(`RL2 RL10 ${FRAMES} malformed frames (seed ${SEED}): no crash, every bad connection closed with a code, an honest device keeps syncing`, async () => {
    const started = performance.now();
    const { relay } = await startRelay({ maxFrameBytes: MAX_FRAME, maxConnectionsPerDevice: CONCURRENCY * 2, maxConnectionsPerIp: CONCURRENCY * 4 });
    const store = await addStore(relay, "Fuzz", 3);
    const [fuzzer, honest, other] = await Promise.all(store.registers.map((r) => pair(relay, store.storeId, r.registerId)));
    const rnd = prng(SEED);
    const int = (n: number) => Math.floor(rnd() * n);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
    const p = `${fuzzer!.deviceId}/fuzz`;
    const join = joinFrame(p);
    const docId = docIdOf(fuzzer!.registerDocUrl);
    const valid = cbor.encode({ type: "sync", senderId: p, targetId: "r", documentId: docId, data: emptySyncData() });
    const shapes: (() => { frame: Uint8Array; joined: boolean; code: number })[] = [
      () => ({ frame: cbor.encode({ type: int(1000), senderId: p }), joined: false, code: 4400 }),
      () => ({ frame: cbor.encode({ type: "join", senderId: int(10) }), joined: false, code: 4400 }),
      () => ({ frame: cbor.encode({ type: "join", senderId: `${other!.deviceId}/x`, supportedProtocolVersions: ["1"] }), joined: false, code: 4409 }),
      () => ({ frame: cbor.encode({ type: "join", senderId: p, supportedProtocolVersions: "1" }), joined: false, code: 4400 }),
      () => ({ frame: cbor.encode({ type: "join", senderId: p, peerMetadata: { storageId: "../../etc" } }), joined: false, code: 4400 }),
      () => ({ frame: cbor.encode({ type: "peer", senderId: p }), joined: true, code: 4400 }),
      () => ({ frame: cbor.encode({ type: "sync", senderId: p, documentId: int(1e6), data: emptySyncData() }), joined: true, code: 4400 }),
      () => ({ frame: cbor.encode({ type: "sync", senderId: p, documentId: docId, data: "not bytes" }), joined: true, code: 4400 }),
      () => ({ frame: cbor.encode({ type: "sync", senderId: p, documentId: docId, data: bytes(1 + int(64)) }), joined: true, code: 4400 }),
      () => ({ frame: cbor.encode({ type: "request", senderId: `${fuzzer!.deviceId}/not-joined`, documentId: docId, data: emptySyncData() }), joined: true, code: 4409 }),
      () => ({ frame: cbor.encode({ type: "ephemeral", senderId: p, documentId: "a/b", data: bytes(4) }), joined: true, code: 4400 }),
      () => ({ frame: cbor.encode([1, 2, { type: "sync" }]), joined: int(2) === 0, code: 4400 }),
    ];
    const nextCase = (): Case => {
      switch (int(5)) {
        case 0: {
          const joined = int(2) === 0;
          return { name: "random bytes", frames: [...(joined ? [join] : []), bytes(1 + int(200))], codes: [4400] };
        }
        case 1: {
          const whole = int(2) === 0 ? join : valid;
          return { name: "truncated CBOR", frames: [...(whole === valid ? [join] : []), whole.slice(0, 1 + int(whole.length - 1))], codes: [4400] };
        }
        case 2: {
          const primitive = [Uint8Array.of(0xf6), Uint8Array.of(0xf7), Uint8Array.of(0xf5), cbor.encode(int(1e9)), cbor.encode("sync"), Uint8Array.of(0x80)][int(6)]!;
          return { name: "CBOR null and other non-objects", frames: [...(int(2) === 0 ? [join] : []), primitive], codes: [4400] };
        }
        case 3: {
          const s = shapes[int(shapes.length)]!();
          return { name: "valid CBOR, wrong shape", frames: [...(s.joined ? [join] : []), s.frame], codes: [s.code] };
        }
        default:
          return { name: "oversized", frames: [new Uint8Array(MAX_FRAME + 1 + int(4096))], codes: [1009] };
      }
    };

    // The honest device writes every 50 ms throughout; each change must reach the relay.
    const { repo: honestRepo } = deviceRepo(relay, honest!);
    const doc = honestRepo.create<{ n: number }>({ n: 0 });
    let writes = 0;
    const ticker = setInterval(() => doc.change((d) => void (d.n = ++writes)), 50);
    cleanup(async () => clearInterval(ticker));

    const byName = new Map<string, Map<number, number>>();
    let sent = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < FRAMES) {
          sent++;
          const c = nextCase();
          const closed = await rawSocket(relay, fuzzer!.token, c.frames);
          if (!c.codes.includes(closed.code)) throw new Error(`${c.name}: expected ${c.codes.join("/")}, got ${closed.code} ${closed.reason} (seed ${SEED}, case ${sent})`);
          const counts = byName.get(c.name) ?? new Map<number, number>();
          counts.set(closed.code, (counts.get(closed.code) ?? 0) + 1);
          byName.set(c.name, counts);
          done++;
        }
      }),
    );
    clearInterval(ticker);
    const writesDuringFuzz = writes;

    expect(done).toBe(FRAMES);
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    await expect.poll(() => (relay.repo.handles[doc.documentId]?.doc() as { n?: number } | undefined)?.n, { timeout: 10_000 }).toBe(writesDuringFuzz);
    expect(writesDuringFuzz).toBeGreaterThan(0);
    const ms = Math.round(performance.now() - started);
    const summary = [...byName].map(([name, codes]) => `${name}: ${[...codes].map(([code, n]) => `${n}×${code}`).join(" ")}`).join("; ");
    console.log(`RL2 fuzz seed ${SEED}: ${done} bad connections closed with a code (${summary}); honest device synced ${writesDuringFuzz} changes meanwhile; ${ms} ms`);
  }, 600_000);
});
