import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { ConfigError } from "../config-sources.js";
import { OpsError } from "../ops/ops-error.js";
import { contextFrom, type CliContext } from "./context.js";
import { createStoreCommand } from "./create-store.js";
import { listDevicesCommand, listStoresCommand, revokeDeviceCommand } from "./directory-commands.js";
import { backupCommand, restoreCommand, statsCommand, verifyCommand } from "./data-commands.js";

const COMMANDS: Record<string, { run: (ctx: CliContext) => void | Promise<void>; usage: string }> = {
  "create-store": {
    run: createStoreCommand,
    usage: "create-store --name <name> --currency <EUR> --time-zone <Europe/Warsaw> --locale <pl-PL> --owner-email <e-mail> --owner-password <pw> --registers <N>",
  },
  "list-stores": { run: listStoresCommand, usage: "list-stores" },
  "list-devices": { run: listDevicesCommand, usage: "list-devices --store <storeId>" },
  "revoke-device": { run: revokeDeviceCommand, usage: "revoke-device <deviceId>" },
  backup: { run: backupCommand, usage: "backup --out <file.tar>" },
  restore: { run: restoreCommand, usage: "restore --from <file.tar>   (into an empty data folder)" },
  verify: { run: verifyCommand, usage: "verify" },
  stats: { run: statsCommand, usage: "stats" },
};

/** Exit codes: 0 done, 1 a coded failure, 2 wrong usage, 3 verify found damage, 78 bad configuration (EX_CONFIG). */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, VERIFY_FAILED: 3, CONFIG: 78 } as const;

export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  try {
    const { command, context } = contextFrom(argv, env, out);
    const entry = command === undefined ? undefined : COMMANDS[command];
    if (!entry) {
      if (command !== undefined && command !== "help" && command !== "--help") err(`USAGE: unknown command ${command}`);
      err("usage: kasa-relay [--data-dir <dir>] [--json] <command>");
      for (const c of Object.values(COMMANDS)) err(`  ${c.usage}`);
      return command === undefined || command === "help" || command === "--help" ? EXIT.OK : EXIT.USAGE;
    }
    await entry.run(context);
    return EXIT.OK;
  } catch (error) {
    if (error instanceof OpsError) {
      err(`${error.code}: ${error.message}`);
      return error.code === "USAGE" ? EXIT.USAGE : error.code === "VERIFY_FAILED" ? EXIT.VERIFY_FAILED : EXIT.FAILED;
    }
    if (error instanceof ConfigError) {
      err(`${error.code}: ${error.message}`);
      return EXIT.CONFIG;
    }
    err(`INTERNAL: ${(error as Error).stack ?? String(error)}`);
    return EXIT.FAILED;
  }
}

// Run as a program (`pnpm --filter @kasa/relay-server cli <command>`), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const code = await runCli(process.argv.slice(2), process.env, (l) => console.log(l), (l) => console.error(l));
  process.exit(code);
}
