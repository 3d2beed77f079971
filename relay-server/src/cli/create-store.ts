import { randomBytes, randomUUID } from "node:crypto";
import { Repo } from "@automerge/automerge-repo";
import { z } from "zod";
import type { Catalog } from "@kasa/domain";
import { hashPassword, verifyPassword } from "../auth/secrets.js";
import { Directory } from "../db/directory.js";
import { openRelayDb } from "../db/relay-db.js";
import { dataFilePath } from "../ops/data-files.js";
import { OpsError } from "../ops/ops-error.js";
import { SqliteStorageAdapter } from "../storage/sqlite-storage-adapter.js";
import { createStore } from "../stores/create-store.js";
import { parse, required, type CliContext } from "./context.js";

const EMPTY_CATALOG: Catalog = { items: {}, taxes: {}, categories: {} };

const input = z.object({
  name: z.string().trim().min(1).max(100),
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as EUR"),
  timeZone: z.string().refine(isTimeZone, "an IANA time zone such as Europe/Warsaw"),
  locale: z.string().refine(isLocale, "a BCP 47 locale such as pl-PL"),
  ownerEmail: z.string().email().max(200),
  // 10 characters: the owner password guards every store of that owner on a public relay.
  ownerPassword: z.string().min(10).max(200),
  registers: z.coerce.number().int().min(1).max(99),
});

/**
 * `create-store`: a store with an empty catalog and N registers, owned by an owner account (created,
 * or an existing one whose password matches). Safe while the relay runs: documents go straight to
 * storage, and the relay loads them when a paired register first asks.
 */
export async function createStoreCommand(ctx: CliContext): Promise<void> {
  const { values } = parse(ctx.args, {
    name: { type: "string" },
    currency: { type: "string" },
    "time-zone": { type: "string" },
    locale: { type: "string" },
    "owner-email": { type: "string" },
    "owner-password": { type: "string" },
    registers: { type: "string" },
  });
  // The password may come from the environment instead, so it stays out of shell history and `ps`.
  const password = typeof values["owner-password"] === "string" ? values["owner-password"] : ctx.env.KASA_OWNER_PASSWORD;
  const parsed = input.safeParse({
    name: required(values, "name"),
    currency: required(values, "currency"),
    timeZone: required(values, "time-zone"),
    locale: required(values, "locale"),
    ownerEmail: required(values, "owner-email"),
    ownerPassword: password ?? "",
    registers: required(values, "registers"),
  });
  if (!parsed.success) throw new OpsError("INVALID_ARGUMENT", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const v = parsed.data;

  const directory = new Directory(openRelayDb(dataFilePath(ctx.dataDir, "relay")));
  const storage = new SqliteStorageAdapter({ file: dataFilePath(ctx.dataDir, "documents") });
  const repo = new Repo({ storage, network: [] });
  try {
    const existing = directory.ownerByEmail(v.ownerEmail);
    if (existing && !(await verifyPassword(v.ownerPassword, existing.passwordHash))) {
      throw new OpsError("OWNER_EXISTS", `${v.ownerEmail} already owns stores and the password does not match theirs`);
    }
    // Hashed before anything is written, so a failure here leaves no store without an owner.
    const passwordHash = existing ? undefined : await hashPassword(v.ownerPassword);
    const ids = { now: Date.now, randomBytes: (n: number) => new Uint8Array(randomBytes(n)) };
    const registers = Array.from({ length: v.registers }, (_, i) => ({ number: i + 1, name: `Register ${i + 1}` }));
    const { storeId, registers: rows } = await createStore(repo, directory, ids, {
      settings: { name: v.name, currency: v.currency, timeZone: v.timeZone, locale: v.locale },
      catalog: EMPTY_CATALOG,
      registers,
    });
    if (existing) directory.addStoreOwner(storeId, existing.ownerId);
    else directory.createOwner(`owner-${randomUUID()}`, v.ownerEmail, passwordHash!, [storeId], Date.now());
    const result = { storeId, name: v.name, owner: v.ownerEmail, registers: rows.map((r) => ({ registerId: r.registerId, number: r.number, name: r.name })) };
    if (ctx.json) ctx.out(JSON.stringify(result, null, 2));
    else {
      ctx.out(`store ${storeId} "${v.name}" created for ${v.ownerEmail}`);
      for (const r of result.registers) ctx.out(`  register ${r.number}  ${r.registerId}`);
      ctx.out("Pair each register with a code from Back office → POS devices.");
    }
  } finally {
    await repo.shutdown();
    // automerge-repo may still run a throttled save after shutdown (research/tooling.md §2.3).
    await new Promise((r) => setTimeout(r, 150));
    storage.close();
    directory.close();
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}
