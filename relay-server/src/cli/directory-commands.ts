import { Directory } from "../db/directory.js";
import { openRelayDb } from "../db/relay-db.js";
import { assertDataDir, dataFilePath } from "../ops/data-files.js";
import { OpsError } from "../ops/ops-error.js";
import { parse, printTable, required, type CliContext } from "./context.js";

function withDirectory<T>(ctx: CliContext, fn: (d: Directory) => T): T {
  assertDataDir(ctx.dataDir);
  const directory = new Directory(openRelayDb(dataFilePath(ctx.dataDir, "relay")));
  try {
    return fn(directory);
  } finally {
    directory.close();
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function listStoresCommand(ctx: CliContext): void {
  parse(ctx.args, {});
  withDirectory(ctx, (d) => {
    const rows = d.stores().map((s) => ({ storeId: s.storeId, name: s.name, registers: d.registers(s.storeId).length, devices: d.devices(s.storeId).length, documents: d.documentCountOfStore(s.storeId) }));
    printTable(ctx, rows, ["storeId", "name", "registers", "devices", "documents"]);
  });
}

export function listDevicesCommand(ctx: CliContext): void {
  const { values } = parse(ctx.args, { store: { type: "string" } });
  const storeId = required(values, "store");
  withDirectory(ctx, (d) => {
    if (!d.store(storeId)) throw new OpsError("NOT_FOUND", `no store ${storeId}`);
    const numbers = new Map(d.registers(storeId).map((r) => [r.registerId, r.number]));
    const rows = d.devices(storeId).map((dev) => ({
      deviceId: dev.deviceId,
      register: numbers.get(dev.registerId) ?? null,
      revokedAt: iso(dev.revokedAt),
      lastSeenAt: iso(dev.lastSeenAt),
    }));
    printTable(ctx, rows, ["deviceId", "register", "revokedAt", "lastSeenAt"]);
  });
}

/**
 * Revokes a device's token in relay.sqlite. A running relay refuses the token from the next upgrade
 * on (it reads the token on every upgrade) and closes the device's open connections within
 * `revocationPollMs` (it polls relay.sqlite's data_version), so this works with the relay up or down.
 */
export function revokeDeviceCommand(ctx: CliContext): void {
  const { positionals } = parse(ctx.args, {});
  const deviceId = positionals[0];
  if (!deviceId || positionals.length > 1) throw new OpsError("USAGE", "revoke-device <deviceId>");
  withDirectory(ctx, (d) => {
    const device = d.device(deviceId);
    if (!device) throw new OpsError("NOT_FOUND", `no device ${deviceId}`);
    const changed = d.revokeDevice(deviceId, Date.now());
    if (ctx.json) ctx.out(JSON.stringify({ deviceId, revoked: true, alreadyRevoked: !changed }));
    else ctx.out(changed ? `device ${deviceId} revoked; a running relay disconnects it within seconds` : `device ${deviceId} was already revoked`);
  });
}
