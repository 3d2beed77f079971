import { createHash } from "node:crypto";
import { inflateRawSync } from "node:zlib";

// Is a stored document chunk the bytes that were saved? automerge-repo loads a document by
// concatenating its chunks and calling Automerge's `loadIncremental`, which drops a damaged chunk
// without an error (research/reliability.md §2.3): the relay would serve a document with changes
// missing and never say so. This check runs before that (SPEC-storage ST26).
//
// Two facts it relies on:
// - automerge-repo names an incremental chunk `[documentId, "incremental", sha256(bytes) as hex]`
//   (StorageSubsystem.#saveIncremental, keyHash), so the key itself says what the bytes must hash to;
// - every Automerge chunk is framed as magic (85 6f 4a 83) · checksum (4 bytes) · type (1 byte) ·
//   length (uLEB128) · contents, the checksum being the first 4 bytes of SHA-256 over type, length
//   and contents (for a deflate-compressed change, type 2, over the uncompressed change as type 1).
//   Snapshots (`A.save`) are named by a hash of the heads, which only a full load could check, so
//   for them every frame's checksum is checked and the frames must cover the bytes exactly.

const MAGIC = [0x85, 0x6f, 0x4a, 0x83] as const;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Why a chunk is damaged, or undefined when it is sound. `key` is automerge-repo's key parts. */
export function chunkDamage(key: readonly string[], data: Uint8Array): string | undefined {
  if (data.byteLength === 0) return "empty chunk";
  const [, kind, name] = key;
  if (kind === "incremental" && name !== undefined && HEX_SHA256.test(name)) {
    const actual = sha256(data).toString("hex");
    return actual === name ? undefined : `content hash ${actual.slice(0, 12)}… is not the key's ${name.slice(0, 12)}…`;
  }
  return frameDamage(data);
}

/** Checks every Automerge frame in `data`; undefined when all are whole and their checksums match. */
export function frameDamage(data: Uint8Array): string | undefined {
  let at = 0;
  let frames = 0;
  while (at < data.byteLength) {
    const where = `frame ${frames + 1} at byte ${at}`;
    if (data.byteLength - at < 10) return `${where}: truncated header`;
    if (MAGIC.some((b, i) => data[at + i] !== b)) return `${where}: bad magic bytes`;
    const checksum = data.subarray(at + 4, at + 8);
    const type = data[at + 8]!;
    const length = readUleb(data, at + 9);
    if (!length) return `${where}: bad length`;
    const end = length.next + length.value;
    if (end > data.byteLength) return `${where}: truncated (${length.value} bytes announced, ${data.byteLength - length.next} left)`;
    let hashed: Buffer;
    if (type === 0 || type === 1) {
      hashed = sha256(data.subarray(at + 8, end));
    } else if (type === 2) {
      let change: Buffer;
      try {
        change = inflateRawSync(data.subarray(length.next, end));
      } catch {
        return `${where}: compressed change does not inflate`;
      }
      hashed = sha256(Buffer.concat([Buffer.from([1]), uleb(change.byteLength), change]));
    } else {
      return `${where}: unknown chunk type ${type}`;
    }
    if (!hashed.subarray(0, 4).equals(checksum)) return `${where}: checksum mismatch`;
    at = end;
    frames++;
  }
  return undefined;
}

function sha256(bytes: Uint8Array): Buffer {
  return createHash("sha256").update(bytes).digest();
}

function readUleb(data: Uint8Array, at: number): { value: number; next: number } | undefined {
  let value = 0;
  // Lengths above 2^53 can't be real; 8 bytes of 7 bits is far beyond any chunk.
  for (let shift = 0, i = at; i < data.byteLength && shift < 56; shift += 7, i++) {
    const byte = data[i]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
  }
  return undefined;
}

function uleb(n: number): Buffer {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}
