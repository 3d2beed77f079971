import { describe, expect, test } from "vitest";
import type { PairedRegister } from "@kasa/sync";
import { backupPaired, forgetBackup, restorePaired, type IdentityStore } from "../src/lib/identity-backup.js";
import { PAIRED_KEY, loadPaired } from "../src/lib/paired-storage.js";

// O3: unsynced data survives a reset of the app's UI state — the paired identity has a copy in
// IndexedDB, so a register whose localStorage was wiped still reaches the relay with its sales.

const paired: PairedRegister = {
  deviceId: "dev-1",
  token: "t".repeat(32),
  storeId: "store-1",
  storeName: "Kasa Demo Café",
  storeDocUrl: "automerge:store",
  registerId: "reg-1",
  registerNumber: 1,
  registerName: "Front counter",
  registerDocUrl: "automerge:register",
};

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

function memoryStore(): IdentityStore & { value: unknown } {
  const s = {
    value: undefined as unknown,
    get: () => Promise.resolve(s.value),
    put: (v: unknown) => Promise.resolve(void (s.value = v)),
    delete: () => Promise.resolve(void (s.value = undefined)),
  };
  return s;
}

const broken: IdentityStore = { get: () => Promise.reject(new Error("denied")), put: () => Promise.reject(new Error("denied")), delete: () => Promise.reject(new Error("denied")) };

describe("the paired identity's copy (O3)", () => {
  test("O3 a wiped localStorage gets the identity back from the copy, checked like the original; sign-out forgets the copy", async () => {
    const store = memoryStore();
    expect(await backupPaired(paired, store)).toBe(true);
    const storage = memoryStorage(); // as after an app reset: nothing
    expect(loadPaired(storage)).toEqual({ kind: "none" });
    expect(await restorePaired(storage, store)).toEqual(paired);
    expect(loadPaired(storage)).toEqual({ kind: "paired", paired });

    await forgetBackup(store);
    expect(await restorePaired(memoryStorage(), store)).toBeUndefined();
  });

  test("O3 a damaged or missing copy restores nothing and writes nothing; a store that refuses never throws", async () => {
    const storage = memoryStorage();
    for (const value of [undefined, 42, "not json", JSON.stringify({ ...paired, token: "short" })]) {
      const store = memoryStore();
      store.value = value;
      expect(await restorePaired(storage, store)).toBeUndefined();
      expect(storage.getItem(PAIRED_KEY)).toBeNull();
    }
    expect(await backupPaired(paired, broken)).toBe(false);
    expect(await restorePaired(storage, broken)).toBeUndefined();
    await expect(forgetBackup(broken)).resolves.toBeUndefined();
  });
});
