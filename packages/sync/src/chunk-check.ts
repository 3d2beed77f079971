import { hash as sha256 } from "fast-sha256";

// Is a stored document chunk still the bytes that were saved? Automerge's loadIncremental, given
// the concatenated chunks of a document, stops at a damaged chunk and silently drops it and what
// follows; automerge-repo then compacts and deletes the chunks it never loaded (chaos finding F7).
// So each chunk is checked before it is handed over (sync SPEC S19). Pure: no I/O.
//
// - An incremental chunk is named by the SHA-256 of its bytes (automerge-repo's keyHash), so its
//   key says what it must hash to.
// - A snapshot is named by its heads, which only a full load could check; instead each Automerge
//   frame in it (magic 85 6f 4a 83 · checksum 4 bytes · type · uLEB128 length · contents) must be
//   whole and carry the right checksum: the first 4 bytes of SHA-256 over type, length and contents.

const MAGIC = [0x85, 0x6f, 0x4a, 0x83] as const;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Why a document chunk is damaged, or undefined when it is sound (or not a document chunk). */
export function chunkDamage(key: readonly string[], data: Uint8Array): string | undefined {
  const [, kind, name] = key;
  if (kind !== "snapshot" && kind !== "incremental") return undefined;
  if (data.byteLength === 0) return "empty chunk";
  if (kind === "incremental" && name !== undefined && HEX_SHA256.test(name)) {
    return hex(sha256(data)) === name ? undefined : "its bytes no longer match the hash it was saved under";
  }
  return frameDamage(data);
}

function frameDamage(data: Uint8Array): string | undefined {
  for (let at = 0, frame = 1; at < data.byteLength; frame++) {
    const where = `frame ${frame} at byte ${at}`;
    if (data.byteLength - at < 10) return `${where}: truncated header`;
    if (MAGIC.some((b, i) => data[at + i] !== b)) return `${where}: bad magic bytes`;
    const type = data[at + 8]!;
    const length = readUleb(data, at + 9);
    if (!length) return `${where}: bad length`;
    const end = length.next + length.value;
    if (end > data.byteLength) return `${where}: truncated`;
    // A compressed change (type 2) is checksummed over its uncompressed form; its bytes are at least whole.
    if (type !== 2) {
      const digest = sha256(data.subarray(at + 8, end));
      for (let i = 0; i < 4; i++) if (digest[i] !== data[at + 4 + i]) return `${where}: checksum mismatch`;
    }
    at = end;
  }
  return undefined;
}

function readUleb(data: Uint8Array, from: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let i = from, shift = 0; i < data.byteLength && shift <= 28; i++, shift += 7) {
    value += (data[i]! & 0x7f) * 2 ** shift;
    if ((data[i]! & 0x80) === 0) return { value, next: i + 1 };
  }
  return undefined;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
