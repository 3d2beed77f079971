import { pairedRegisterSchema, type PairedRegister } from "@kasa/sync";

/** localStorage key holding the register's paired identity (device token included). */
export const PAIRED_KEY = "kasa.register.paired";

export type StoredIdentity =
  | { readonly kind: "none" }
  | { readonly kind: "paired"; readonly paired: PairedRegister }
  | { readonly kind: "invalid" };

export function loadPaired(storage: Storage = localStorage): StoredIdentity {
  const raw = storage.getItem(PAIRED_KEY);
  if (raw === null) return { kind: "none" };
  try {
    const parsed = pairedRegisterSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { kind: "paired", paired: parsed.data } : { kind: "invalid" };
  } catch {
    return { kind: "invalid" };
  }
}

export function savePaired(paired: PairedRegister, storage: Storage = localStorage): void {
  storage.setItem(PAIRED_KEY, JSON.stringify(paired));
}

/** Forgets the paired identity (sign-out, DESIGN O3): the next start shows the pairing screen. */
export function clearPaired(storage: Storage = localStorage): void {
  storage.removeItem(PAIRED_KEY);
}
