import { closeSync, fsyncSync, mkdirSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * A minimal ustar writer and reader for backups: regular files only, flat names. An operator can
 * list or unpack a backup with any `tar`; nothing here needs a dependency. Files are streamed in
 * 1 MiB pieces, so a multi-gigabyte documents file never sits in memory. Sizes of 8 GiB and more
 * use the base-256 size field GNU tar and bsdtar read.
 */
const BLOCK = 512;
const PIECE = 1024 * 1024;
const OCTAL_SIZE_LIMIT = 8 ** 11;

export type TarErrorCode = "TAR_BAD_NAME" | "TAR_CORRUPT";
export class TarError extends Error {
  constructor(
    readonly code: TarErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "TarError";
  }
}

export interface TarEntry {
  /** Name inside the archive: letters, digits, dot, dash, underscore (no directories). */
  readonly name: string;
  readonly path: string;
}

const SAFE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** Writes the entries to `out` and fsyncs it. */
export function writeTar(out: string, entries: readonly TarEntry[], mtimeSeconds: number): void {
  const fd = openSync(out, "w");
  try {
    const buffer = Buffer.alloc(PIECE);
    for (const entry of entries) {
      if (!SAFE_NAME.test(entry.name) || entry.name.startsWith(".")) throw new TarError("TAR_BAD_NAME", `unsafe name ${entry.name}`);
      const size = statSync(entry.path).size;
      writeSync(fd, header(entry.name, size, mtimeSeconds));
      const src = openSync(entry.path, "r");
      try {
        let done = 0;
        while (done < size) {
          const n = readSync(src, buffer, 0, Math.min(PIECE, size - done), done);
          if (n === 0) throw new TarError("TAR_CORRUPT", `${entry.path} shrank while being archived`);
          writeSync(fd, buffer, 0, n);
          done += n;
        }
      } finally {
        closeSync(src);
      }
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) writeSync(fd, Buffer.alloc(pad));
    }
    writeSync(fd, Buffer.alloc(BLOCK * 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Unpacks every regular file of `archive` into `dir`; returns the names. Refuses paths, links and bad checksums. */
export function extractTar(archive: string, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const fd = openSync(archive, "r");
  const names: string[] = [];
  try {
    const total = statSync(archive).size;
    const head = Buffer.alloc(BLOCK);
    const buffer = Buffer.alloc(PIECE);
    let at = 0;
    while (at + BLOCK <= total) {
      readSync(fd, head, 0, BLOCK, at);
      at += BLOCK;
      if (head.every((b) => b === 0)) return names;
      if (checksum(head) !== parseOctal(head.subarray(148, 156))) throw new TarError("TAR_CORRUPT", `bad header checksum at byte ${at - BLOCK}`);
      const name = head.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
      const type = String.fromCharCode(head[156]!);
      const size = parseSize(head.subarray(124, 136));
      if (type !== "0" && type !== "\0") throw new TarError("TAR_CORRUPT", `${name}: only regular files are expected`);
      if (!SAFE_NAME.test(name) || name.startsWith(".")) throw new TarError("TAR_BAD_NAME", `unsafe name ${JSON.stringify(name)}`);
      if (at + size > total) throw new TarError("TAR_CORRUPT", `${name}: archive ends inside the file`);
      const out = openSync(join(dir, name), "wx");
      try {
        let done = 0;
        while (done < size) {
          const n = readSync(fd, buffer, 0, Math.min(PIECE, size - done), at + done);
          writeSync(out, buffer, 0, n);
          done += n;
        }
        fsyncSync(out);
      } finally {
        closeSync(out);
      }
      names.push(name);
      at += size + ((BLOCK - (size % BLOCK)) % BLOCK);
    }
    throw new TarError("TAR_CORRUPT", "archive ends without its end-of-archive blocks");
  } finally {
    closeSync(fd);
  }
}

function header(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, "utf8");
  h.write("0000600\0", 100, "ascii");
  h.write("0000000\0", 108, "ascii");
  h.write("0000000\0", 116, "ascii");
  if (size < OCTAL_SIZE_LIMIT) h.write(`${size.toString(8).padStart(11, "0")}\0`, 124, "ascii");
  else {
    // GNU base-256: high bit set, then the size big-endian in the remaining 11 bytes.
    h[124] = 0x80;
    let rest = BigInt(size);
    for (let i = 135; i > 124; i--) {
      h[i] = Number(rest & 0xffn);
      rest >>= 8n;
    }
  }
  h.write(`${Math.floor(mtime).toString(8).padStart(11, "0")}\0`, 136, "ascii");
  h.write("0", 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write(`${checksum(h).toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return h;
}

/** Sum of the header bytes with the checksum field counted as spaces. */
function checksum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum;
}

function parseOctal(field: Buffer): number {
  const text = field.toString("ascii").replace(/[\0 ]+$/g, "").trim();
  return text === "" ? 0 : parseInt(text, 8);
}

function parseSize(field: Buffer): number {
  if ((field[0]! & 0x80) === 0) return parseOctal(field);
  let size = 0n;
  for (let i = 1; i < field.length; i++) size = (size << 8n) | BigInt(field[i]!);
  return Number(size);
}
