import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

/** Bytes under a folder (files only). */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))).size;
  }
  return total;
}

/** P8: what a register downloads on first visit: the built app's JS and wasm, gzip-compressed. */
export async function appTransferBytes(distDir: string): Promise<{ files: number; raw: number; gzip: number }> {
  let raw = 0;
  let gzip = 0;
  let files = 0;
  for (const entry of await readdir(join(distDir, "assets"), { withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|wasm|css)$/.test(entry.name)) continue;
    const bytes = readFileSync(join(distDir, "assets", entry.name));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
    files++;
  }
  return { files, raw, gzip };
}
