import type { RegisterInfo } from "./api.js";

export type RegisterStatus =
  | { readonly kind: "online"; readonly devices: number }
  | { readonly kind: "seen"; readonly lastSeenAt: number; readonly devices: number }
  | { readonly kind: "paired"; readonly devices: number }
  | { readonly kind: "never" };

/**
 * A register's status from its devices (revoked ones don't count): online if any device holds a
 * connection now, else when one was last in contact, else paired but not yet connected, else never paired.
 */
export function registerStatus(register: RegisterInfo): RegisterStatus {
  const devices = register.devices.filter((d) => !d.revoked);
  if (devices.length === 0) return { kind: "never" };
  if (devices.some((d) => d.online)) return { kind: "online", devices: devices.length };
  const lastSeen = Math.max(...devices.map((d) => d.lastSeenAt ?? 0));
  if (lastSeen > 0) return { kind: "seen", lastSeenAt: lastSeen, devices: devices.length };
  return { kind: "paired", devices: devices.length };
}

/** Device ids currently paired to a register, to notice a new one after showing a pairing code. */
export function activeDeviceIds(register: RegisterInfo): Set<string> {
  return new Set(register.devices.filter((d) => !d.revoked).map((d) => d.deviceId));
}
