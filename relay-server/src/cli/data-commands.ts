import { resolve } from "node:path";
import { backupDataDir } from "../ops/backup.js";
import { OpsError } from "../ops/ops-error.js";
import { restoreDataDir } from "../ops/restore.js";
import { statsOfDataDir } from "../ops/stats.js";
import { verifyDataDir } from "../ops/verify.js";
import { parse, required, userCwd, type CliContext } from "./context.js";

export function backupCommand(ctx: CliContext): void {
  const { values } = parse(ctx.args, { out: { type: "string" } });
  const out = resolve(userCwd(ctx.env), required(values, "out"));
  const manifest = backupDataDir(ctx.dataDir, out);
  if (ctx.json) ctx.out(JSON.stringify({ out, ...manifest }, null, 2));
  else {
    ctx.out(`backup written to ${out}`);
    for (const f of manifest.files) ctx.out(`  ${f.name.padEnd(18)} ${String(f.bytes).padStart(12)} bytes  sha256 ${f.sha256}`);
  }
}

export async function restoreCommand(ctx: CliContext): Promise<void> {
  const { values } = parse(ctx.args, { from: { type: "string" } });
  const report = await restoreDataDir(resolve(userCwd(ctx.env), required(values, "from")), ctx.dataDir);
  if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
  else ctx.out(`restored ${report.manifest.createdAt} backup into ${ctx.dataDir}: ${report.documents} documents, ${report.receipts} receipts (${report.receiptsAdded} re-projected)`);
}

/** Exits through VERIFY_FAILED when anything is wrong, after printing every problem found. */
export async function verifyCommand(ctx: CliContext): Promise<void> {
  parse(ctx.args, {});
  const report = await verifyDataDir(ctx.dataDir);
  if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
  else {
    for (const f of report.files) ctx.out(`${f.ok ? "ok  " : "FAIL"} ${f.name}${f.ok ? "" : `: ${f.problems.slice(0, 5).join("; ")}`}`);
    ctx.out(`${report.documents.broken.length === 0 ? "ok  " : "FAIL"} ${report.documents.checked} documents (${report.documents.bytes} bytes) loaded`);
    for (const b of report.documents.broken) ctx.out(`FAIL document ${b.documentId}: ${b.error}`);
    if (report.unowned.length > 0) ctx.out(`note ${report.unowned.length} stored documents have no owner in relay.sqlite (unreachable): ${report.unowned.slice(0, 5).join(", ")}`);
  }
  if (!report.ok) throw new OpsError("VERIFY_FAILED", `${ctx.dataDir} has problems (see above)`);
}

export function statsCommand(ctx: CliContext): void {
  parse(ctx.args, {});
  const s = statsOfDataDir(ctx.dataDir);
  if (ctx.json) return ctx.out(JSON.stringify(s, null, 2));
  for (const [k, v] of Object.entries(s)) if (typeof v === "number") ctx.out(`${k.padEnd(17)} ${v}`);
  for (const [file, bytes] of Object.entries(s.bytes)) ctx.out(`${`bytes.${file}`.padEnd(17)} ${bytes}`);
}
