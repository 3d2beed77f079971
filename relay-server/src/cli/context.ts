import { parseArgs, type ParseArgsConfig } from "node:util";
import { resolve } from "node:path";
import { loadConfig } from "../config-sources.js";
import { OpsError } from "../ops/ops-error.js";

/** What every command gets: the data folder (same resolution as the relay: --data-dir, else KASA_CONFIG/KASA_DATA_DIR), output mode, its own arguments. */
export interface CliContext {
  readonly dataDir: string;
  readonly json: boolean;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly out: (line: string) => void;
}

export function contextFrom(argv: readonly string[], env: NodeJS.ProcessEnv, out: (line: string) => void): { command: string | undefined; context: CliContext } {
  // Global flags may stand anywhere; what is left is the command and its own arguments, parsed strictly by it.
  const rest: string[] = [];
  let dataDir: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") json = true;
    else if (a === "--data-dir") dataDir = argv[++i];
    else if (a.startsWith("--data-dir=")) dataDir = a.slice("--data-dir=".length);
    else rest.push(a);
  }
  if (dataDir === "") throw new OpsError("USAGE", "--data-dir needs a folder");
  const [command, ...args] = rest;
  const base = userCwd(env);
  return { command, context: { dataDir: resolve(base, dataDir ?? loadConfig(env).dataDir), json, args, env, out } };
}

/**
 * The folder relative paths on the command line mean: `pnpm --filter … cli` runs the script inside
 * relay-server/, but the operator typed the path where they stood, which pnpm passes as INIT_CWD.
 */
export function userCwd(env: NodeJS.ProcessEnv): string {
  return env.INIT_CWD ?? process.cwd();
}

/** node:util parseArgs, with its errors turned into USAGE. */
export function parse<O extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: O,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (error) {
    throw new OpsError("USAGE", (error as Error).message);
  }
}

export function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || v === "") throw new OpsError("USAGE", `--${name} is required`);
  return v;
}

/** Prints rows as aligned columns, or as JSON with --json. */
export function printTable(ctx: CliContext, rows: readonly Record<string, unknown>[], columns: readonly string[]): void {
  if (ctx.json) return ctx.out(JSON.stringify(rows, null, 2));
  const cell = (v: unknown) => (v === null || v === undefined ? "-" : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  ctx.out(columns.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd());
  for (const r of rows) ctx.out(columns.map((c, i) => cell(r[c]).padEnd(widths[i]!)).join("  ").trimEnd());
}
