import { describe, expect, test } from "vitest";
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../src/cli/main.js";
import { tempDir } from "./support/relay-fixture.js";

const RELAY_DIR = fileURLToPath(new URL("..", import.meta.url));

/** The CLI in this process: same code path as the program, minus process start-up. */
async function cli(dataDir: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(["--data-dir", dataDir, ...args], { KASA_OWNER_PASSWORD: "correct horse battery" }, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function spawnNode(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", ...args], { cwd: RELAY_DIR, env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const STORE = ["create-store", "--name", "Corner Café", "--currency", "EUR", "--time-zone", "Europe/Lisbon", "--locale", "pt-PT", "--owner-email", "ana@example.com", "--registers", "3"];

describe("operator CLI", () => {
  test("RL20 create-store, list-stores, list-devices, stats, verify, backup and restore; coded errors with non-zero exits", async () => {
    const dataDir = await tempDir();
    const created = await cli(dataDir, ...STORE, "--json");
    expect(created.code).toBe(0);
    const store = JSON.parse(created.out) as { storeId: string; registers: { number: number }[] };
    expect(store.registers.map((r) => r.number)).toEqual([1, 2, 3]);
    // The same owner gets a second store only with the right password.
    expect((await cli(dataDir, ...STORE.slice(0, 2), "Second", ...STORE.slice(3), "--owner-password", "wrong password here")).err).toMatch(/^OWNER_EXISTS/);
    expect((await cli(dataDir, ...STORE.slice(0, 2), "Second", ...STORE.slice(3))).code).toBe(0);

    const stores = JSON.parse((await cli(dataDir, "list-stores", "--json")).out) as { name: string; registers: number; documents: number }[];
    expect(stores).toEqual([expect.objectContaining({ name: "Corner Café", registers: 3, documents: 6 }), expect.objectContaining({ name: "Second" })]);
    expect(await cli(dataDir, "list-devices", "--store", store.storeId)).toMatchObject({ code: 0 });
    expect(JSON.parse((await cli(dataDir, "stats", "--json")).out)).toMatchObject({ stores: 2, registers: 6, owners: 1, documents: 12, receipts: 0 });
    expect(await cli(dataDir, "verify")).toMatchObject({ code: 0 });

    const backup = join(await tempDir(), "b.tar");
    expect((await cli(dataDir, "backup", "--out", backup)).code).toBe(0);
    expect(await cli(dataDir, "restore", "--from", backup)).toMatchObject({ code: 1, err: expect.stringMatching(/^DATA_DIR_NOT_EMPTY/) });
    const fresh = join(await tempDir(), "restored");
    expect((await cli(fresh, "restore", "--from", backup)).code).toBe(0);
    expect(JSON.parse((await cli(fresh, "list-stores", "--json")).out)).toEqual(stores);

    // Read-only commands never create a data folder for a mistyped path.
    expect((await cli(join(dataDir, "typo"), "stats")).err).toMatch(/^DATA_FILE_MISSING/);
    for (const [args, code, error] of [
      [["create-store", "--name", "X"], 2, "USAGE"],
      [[...STORE.slice(0, 3), "--currency", "euro", ...STORE.slice(5)], 1, "INVALID_ARGUMENT"],
      [[...STORE.slice(0, 5), "--time-zone", "Mars/Olympus", ...STORE.slice(7)], 1, "INVALID_ARGUMENT"],
      [["list-devices", "--store", "no-such-store"], 1, "NOT_FOUND"],
      [["revoke-device", "dev-unknown"], 1, "NOT_FOUND"],
      [["revoke-device"], 2, "USAGE"],
      [["stats", "--bogus"], 2, "USAGE"],
      [["frobnicate"], 2, "USAGE"],
    ] as const) {
      const r = await cli(dataDir, ...args);
      expect({ args, code: r.code, err: r.err.split(":")[0] }).toEqual({ args, code, err: error });
    }
  });

  test("RL20 RL17 as programs: the CLI exits 0 / 2 / 3, and the relay refuses a bad config file with exit 78", async () => {
    const dataDir = await tempDir();
    const badConfig = join(await tempDir(), "kasa.json");
    writeFileSync(badConfig, JSON.stringify({ port: 8080, maxConectionsPerIp: 5 }));
    const [ok, usage, relay] = await Promise.all([
      spawnNode(["src/cli/main.ts", "--data-dir", dataDir, ...STORE], { KASA_OWNER_PASSWORD: "correct horse battery" }),
      spawnNode(["src/cli/main.ts", "--data-dir", dataDir, "frobnicate"], {}),
      spawnNode(["src/main.ts"], { KASA_CONFIG: badConfig, KASA_PORT: "0" }),
    ]);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining("created for ana@example.com") });
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining("USAGE: unknown command frobnicate") });
    expect(relay).toMatchObject({ code: 78, stderr: expect.stringContaining('CONFIG_INVALID') });
    expect(relay.stderr).toContain("maxConectionsPerIp");

    // A damaged documents file: verify exits 3 and names the problem.
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(join(dataDir, "documents.sqlite"));
    db.prepare("UPDATE automerge_chunks SET data = x'00010203' WHERE rowid = (SELECT max(rowid) FROM automerge_chunks)").run();
    db.close();
    const verify = await spawnNode(["src/cli/main.ts", "--data-dir", dataDir, "verify"], {});
    expect(verify.code).toBe(3);
    expect(verify.stdout).toMatch(/FAIL document \w+: /);
  }, 60_000);
});
