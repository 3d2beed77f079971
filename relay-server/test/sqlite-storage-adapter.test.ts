import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Repo } from "@automerge/automerge-repo";
import { runStorageAdapterTests } from "@automerge/automerge-repo/helpers/tests/storage-adapter-tests.js";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteStorageAdapter, StorageError } from "../src/storage/sqlite-storage-adapter.js";

const bytes = (...values: number[]) => new Uint8Array(values);

let dir: string;
let opened: SqliteStorageAdapter[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kasa-storage-"));
  opened = [];
});

afterEach(() => {
  for (const adapter of opened) adapter.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(file = join(dir, "relay.sqlite")): SqliteStorageAdapter {
  const adapter = new SqliteStorageAdapter({ file });
  opened.push(adapter);
  return adapter;
}

async function expectStorageError(promise: Promise<unknown>, code: string): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  expect((error as StorageError).code).toBe(code);
  return error as StorageError;
}

function expectThrowsCorrupt(fn: () => unknown, file: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(StorageError);
  expect((thrown as StorageError).code).toBe("STORAGE_CORRUPT");
  expect((thrown as StorageError).message).toContain(file);
}

/** Writes a few chunks under two prefixes that differ only after a shared string. */
async function seedPrefixes(adapter: SqliteStorageAdapter): Promise<void> {
  await adapter.save(["a"], bytes(0));
  await adapter.save(["a", "b"], bytes(1));
  await adapter.save(["a", "b", "x"], bytes(2));
  await adapter.save(["a", "bc"], bytes(3));
  await adapter.save(["a", "b0"], bytes(4)); // "0" is the exclusive upper bound of the range scan
  await adapter.save(["a", "b."], bytes(5)); // "." sorts just before "/"
  await adapter.save(["a", "b", "y", "z"], bytes(6));
  await adapter.save(["a", "c"], bytes(7));
}

describe("load / save / remove", () => {
  it("ST1 save then load returns the same bytes as a plain Uint8Array", async () => {
    const adapter = open();
    await adapter.save(["doc1", "snapshot", "h1"], bytes(0, 1, 127, 255));
    const loaded = await adapter.load(["doc1", "snapshot", "h1"]);
    expect(loaded).toStrictEqual(bytes(0, 1, 127, 255));
    expect(Object.getPrototypeOf(loaded)).toBe(Uint8Array.prototype);
  });

  it("ST2 load of a key never saved resolves undefined", async () => {
    const adapter = open();
    await adapter.save(["doc1", "snapshot"], bytes(1));
    expect(await adapter.load(["doc1"])).toBeUndefined();
    expect(await adapter.load(["doc1", "snapshot", "h1"])).toBeUndefined();
  });

  it("ST3 saving an existing key replaces its bytes", async () => {
    const adapter = open();
    await adapter.save(["k"], bytes(1, 2, 3));
    await adapter.save(["k"], bytes(9));
    expect(await adapter.load(["k"])).toStrictEqual(bytes(9));
    expect(await adapter.loadRange(["k"])).toHaveLength(1);
  });

  it("ST4 a zero-length payload round-trips as an empty Uint8Array", async () => {
    const adapter = open();
    await adapter.save(["empty"], new Uint8Array(0));
    expect(await adapter.load(["empty"])).toStrictEqual(new Uint8Array(0));
  });

  it("ST5 a subarray saves only its own bytes and a 1 MB payload round-trips", async () => {
    const adapter = open();
    await adapter.save(["view"], bytes(9, 9, 1, 2, 3, 9).subarray(2, 5));
    expect(await adapter.load(["view"])).toStrictEqual(bytes(1, 2, 3));

    const large = new Uint8Array(1 << 20).map((_, i) => (i * 31 + 7) & 0xff);
    await adapter.save(["large"], large);
    const loaded = await adapter.load(["large"]);
    // Element-wise toStrictEqual on 1 MB takes seconds; compare as bytes instead.
    expect(loaded !== undefined && Buffer.from(loaded).equals(large)).toBe(true);
  });

  it("ST6 remove deletes exactly that key, not its children; removing a missing key is a no-op", async () => {
    const adapter = open();
    await seedPrefixes(adapter);
    await adapter.remove(["a", "b"]);
    await adapter.remove(["a", "nope"]);
    expect(await adapter.load(["a", "b"])).toBeUndefined();
    expect(await adapter.load(["a", "b", "x"])).toStrictEqual(bytes(2));
    expect(await adapter.loadRange([])).toHaveLength(7);
  });
});

describe("ranges", () => {
  it("ST7 loadRange(p) returns the chunk at p and every chunk under p, keys as parts", async () => {
    const adapter = open();
    await seedPrefixes(adapter);
    expect(await adapter.loadRange(["a", "b"])).toStrictEqual([
      { key: ["a", "b"], data: bytes(1) },
      { key: ["a", "b", "x"], data: bytes(2) },
      { key: ["a", "b", "y", "z"], data: bytes(6) },
    ]);
  });

  it("ST8 a prefix matches whole parts: loadRange a/b excludes a/bc, a/b0, a/b. and a", async () => {
    const adapter = open();
    await seedPrefixes(adapter);
    const keys = (await adapter.loadRange(["a", "b"])).map((chunk) => chunk.key.join("/"));
    expect(keys).not.toContain("a/bc");
    expect(keys).not.toContain("a/b0");
    expect(keys).not.toContain("a/b.");
    expect(keys).not.toContain("a");
    expect((await adapter.loadRange(["a", "bc"])).map((c) => c.key)).toStrictEqual([["a", "bc"]]);
  });

  it("ST9 loadRange returns chunks in first-save order; an overwrite keeps its place", async () => {
    const adapter = open();
    await adapter.save(["d", "z"], bytes(1));
    await adapter.save(["d", "a"], bytes(2));
    await adapter.save(["d", "m"], bytes(3));
    await adapter.save(["d", "z"], bytes(4));
    expect((await adapter.loadRange(["d"])).map((c) => c.key[1])).toStrictEqual(["z", "a", "m"]);
  });

  it("ST10 loadRange of an empty prefix returns every chunk; a prefix with no match returns []", async () => {
    const adapter = open();
    await seedPrefixes(adapter);
    await adapter.save(["other"], bytes(8));
    expect(await adapter.loadRange([])).toHaveLength(9);
    expect(await adapter.loadRange(["zzz"])).toStrictEqual([]);
    expect(await adapter.loadRange(["a", "b", "x", "deeper"])).toStrictEqual([]);
  });

  it("ST11 removeRange(p) removes exactly what loadRange(p) returns; an empty prefix removes all", async () => {
    const adapter = open();
    await seedPrefixes(adapter);
    await adapter.removeRange(["a", "b"]);
    expect((await adapter.loadRange([])).map((c) => c.key.join("/"))).toStrictEqual([
      "a",
      "a/bc",
      "a/b0",
      "a/b.",
      "a/c",
    ]);
    await adapter.removeRange([]);
    expect(await adapter.loadRange([])).toStrictEqual([]);
  });

  it('ST12 a key part that is empty or contains "/" rejects with STORAGE_BAD_KEY and writes nothing', async () => {
    const adapter = open();
    for (const key of [["a/b"], ["doc", ""], ["doc", "x/"], ["/"]]) {
      const error = await expectStorageError(adapter.save(key, bytes(1)), "STORAGE_BAD_KEY");
      expect(error.message).toContain(JSON.stringify(key));
      await expectStorageError(adapter.load(key), "STORAGE_BAD_KEY");
      await expectStorageError(adapter.remove(key), "STORAGE_BAD_KEY");
      await expectStorageError(adapter.loadRange(key), "STORAGE_BAD_KEY");
      await expectStorageError(adapter.removeRange(key), "STORAGE_BAD_KEY");
    }
    // An empty key names no chunk; only the range operations give it a meaning ("everything").
    await expectStorageError(adapter.save([], bytes(1)), "STORAGE_BAD_KEY");
    await expectStorageError(adapter.load([]), "STORAGE_BAD_KEY");
    await expectStorageError(adapter.remove([]), "STORAGE_BAD_KEY");
    expect(await adapter.loadRange([])).toStrictEqual([]);
  });
});

describe("durability", () => {
  it("ST13 the connection runs in WAL mode with synchronous=FULL", () => {
    const db = new Database(join(dir, "relay.sqlite"));
    try {
      new SqliteStorageAdapter(db);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("synchronous", { simple: true })).toBe(2); // FULL
    } finally {
      db.close();
    }
  });

  it("ST14 saved data survives closing and reopening the file", async () => {
    const file = join(dir, "relay.sqlite");
    const first = open(file);
    await first.save(["doc", "incremental", "h1"], bytes(1, 2));
    await first.save(["doc", "incremental", "h2"], bytes(3));
    await first.remove(["doc", "incremental", "h2"]);
    first.close();

    const second = open(file);
    expect(await second.loadRange(["doc"])).toStrictEqual([{ key: ["doc", "incremental", "h1"], data: bytes(1, 2) }]);
  });

  it("ST15 a save whose promise resolved survives kill -9 of the process", { timeout: 30_000 }, async () => {
    const file = join(dir, "relay.sqlite");
    const adapterUrl = pathToFileURL(fileURLToPath(new URL("../src/storage/sqlite-storage-adapter.ts", import.meta.url)));
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const script = `
      const { SqliteStorageAdapter } = await import(process.env.ADAPTER_URL);
      const adapter = new SqliteStorageAdapter({ file: process.env.STORAGE_FILE });
      await adapter.save(["doc", "incremental", "h1"], new Uint8Array([4, 5, 6]));
      process.stdout.write("saved\\n");
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ["--import", tsx, "--input-type=module", "-e", script], {
      env: { ...process.env, ADAPTER_URL: adapterUrl.href, STORAGE_FILE: file },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => child.on("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("saved")) resolve();
      });
      child.on("exit", () => reject(new Error(`child exited before saving: ${stderr}`)));
    });
    child.kill("SIGKILL");
    expect(await exited).toBeNull(); // exit code is null when killed by a signal
    expect(existsSync(`${file}-wal`)).toBe(true); // never checkpointed by a clean close

    expect(await open(file).load(["doc", "incremental", "h1"])).toStrictEqual(bytes(4, 5, 6));
  });

  it("ST16 missing parent directories of the file are created", async () => {
    const file = join(dir, "nested", "deeper", "relay.sqlite");
    await open(file).save(["k"], bytes(1));
    expect(statSync(file).isFile()).toBe(true);
  });

  it("ST17 an automerge Repo document survives flush, shutdown and reopening the file", async () => {
    const file = join(dir, "relay.sqlite");
    const firstAdapter = open(file);
    const first = new Repo({ storage: firstAdapter, network: [] });
    const handle = first.create<{ items: string[] }>({ items: ["bread"] });
    handle.change((doc) => {
      doc.items.push("milk");
    });
    await first.flush();
    await first.shutdown();
    firstAdapter.close();

    const secondAdapter = open(file);
    expect(await secondAdapter.loadRange([handle.documentId])).not.toStrictEqual([]);
    const second = new Repo({ storage: secondAdapter, network: [] });
    const found = await second.find<{ items: string[] }>(handle.url);
    expect(found.doc()).toStrictEqual({ items: ["bread", "milk"] });
    await second.shutdown();
  });
});

describe("damaged files", () => {
  it("ST18 a file that is not SQLite throws STORAGE_CORRUPT naming it and is left byte-for-byte unchanged", () => {
    const file = join(dir, "relay.sqlite");
    const garbage = new Uint8Array(8192).map((_, i) => (i * 7919 + 13) & 0xff);
    writeFileSync(file, garbage);
    expectThrowsCorrupt(() => new SqliteStorageAdapter({ file }), file);
    expect(new Uint8Array(readFileSync(file))).toStrictEqual(garbage);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("ST19 an SQLite file with a damaged schema page throws STORAGE_CORRUPT and is left unchanged", async () => {
    const file = join(dir, "relay.sqlite");
    const adapter = open(file);
    await adapter.save(["k"], bytes(1));
    adapter.close();
    const damaged = readFileSync(file);
    for (let i = 100; i < 4096; i++) damaged[i] = (i * 7919) & 0xff; // keep the 100-byte header
    writeFileSync(file, damaged);

    expectThrowsCorrupt(() => new SqliteStorageAdapter({ file }), file);
    expect(readFileSync(file).equals(damaged)).toBe(true);
  });

  it("ST20 integrityCheck is ok for a healthy file and lists problems for a damaged data page", async () => {
    const file = join(dir, "relay.sqlite");
    const adapter = open(file);
    for (let i = 0; i < 50; i++) await adapter.save(["doc", `h${i}`], new Uint8Array(1000).fill(i));
    expect(adapter.integrityCheck()).toStrictEqual({ ok: true, problems: [] });
    adapter.close();

    const damaged = readFileSync(file);
    for (let i = damaged.length - 4096; i < damaged.length; i++) damaged[i] = (i * 7919) & 0xff;
    writeFileSync(file, damaged);

    const report = open(file).integrityCheck();
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
  });
});

describe("operations", () => {
  it("ST21 sizeBytes is page_count × page_size and grows as data is saved", async () => {
    const db = new Database(join(dir, "relay.sqlite"));
    try {
      const adapter = new SqliteStorageAdapter(db);
      const before = adapter.sizeBytes();
      await adapter.save(["big"], new Uint8Array(64 * 1024));
      const pages = db.pragma("page_count", { simple: true }) as number;
      const pageSize = db.pragma("page_size", { simple: true }) as number;
      expect(adapter.sizeBytes()).toBe(pages * pageSize);
      expect(adapter.sizeBytes()).toBeGreaterThan(before + 64 * 1024 - 1);
    } finally {
      db.close();
    }
  });

  it("ST24 documentIds() lists each stored document once, without automerge-repo's storage-adapter-id", async () => {
    const adapter = open();
    await adapter.save(["storage-adapter-id"], bytes(1));
    await adapter.save(["docB", "snapshot", "h1"], bytes(1));
    await adapter.save(["docA", "incremental", "h1"], bytes(2));
    await adapter.save(["docA", "incremental", "h2"], bytes(3));
    await adapter.save(["docA", "sync-state", "peer"], bytes(4));
    expect(adapter.documentIds()).toEqual(["docA", "docB"]);
  });

  it("ST27 hasDocument() is true once a snapshot or incremental chunk of the document is stored, and only then", async () => {
    const adapter = open();
    await adapter.save(["docA", "sync-state", "peer"], bytes(1));
    await adapter.save(["docAB", "incremental", "h1"], bytes(2));
    expect(adapter.hasDocument("docA")).toBe(false);
    await adapter.save(["docA", "incremental", "h1"], bytes(3));
    expect(adapter.hasDocument("docA")).toBe(true);
    await adapter.save(["docB", "snapshot", "s1"], bytes(4));
    expect(adapter.hasDocument("docB")).toBe(true);
    await adapter.removeRange(["docB"]);
    expect(adapter.hasDocument("docB")).toBe(false);
    expect(adapter.hasDocument("nothing")).toBe(false);
  });

  it("ST25 probeWritable() commits a write to a one-row table and never grows it", async () => {
    const adapter = open();
    for (let t = 1; t <= 3; t++) adapter.probeWritable(t);
    const db = new Database(join(dir, "relay.sqlite"), { readonly: true });
    try {
      expect(db.prepare("SELECT id, at FROM kasa_probe").all()).toEqual([{ id: 1, at: 3 }]);
    } finally {
      db.close();
    }
  });

  it("ST22 close() leaves a caller's Database open and closes one the adapter opened", async () => {
    const db = new Database(join(dir, "shared.sqlite"));
    try {
      const shared = new SqliteStorageAdapter(db);
      await shared.save(["k"], bytes(1));
      shared.close();
      expect(db.open).toBe(true);
      expect(db.prepare("SELECT count(*) AS n FROM automerge_chunks").get()).toStrictEqual({ n: 1 });
    } finally {
      db.close();
    }

    const own = open();
    own.close();
    own.close(); // idempotent
    await expect(own.load(["k"])).rejects.toThrow(/not open/);
  });

  describe("ST23 passes automerge-repo's own storage adapter acceptance suite", () => {
    runStorageAdapterTests(async () => {
      const adapter = open();
      return { adapter, teardown: () => adapter.close() };
    });
  });
});
