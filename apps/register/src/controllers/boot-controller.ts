import type { ReactiveController, ReactiveControllerHost } from "lit";
import { msg, str } from "@lit/localize";
import { pairRegister, RegisterSession, RelayApi, type PairedRegister, type RelayConnectionStatus } from "@kasa/sync";
import { createBrowserRegisterRepo } from "@kasa/sync/browser";
import { holdRegisterLock } from "../lib/web-lock.js";
import { clearPaired, loadPaired, savePaired } from "../lib/paired-storage.js";
import { backupPaired, forgetBackup, indexedDbIdentityStore, restorePaired } from "../lib/identity-backup.js";
import { clearHash, normalizePairingCode, pairCodeFromHash } from "../lib/pair-hash.js";
import type { ToastModel } from "../state/toasts.js";

type RegisterRepo = ReturnType<typeof createBrowserRegisterRepo>;

export interface PairingError {
  readonly code: string;
  readonly message: string;
}

export type BootState =
  | { readonly kind: "starting" }
  | { readonly kind: "blocked" }
  | { readonly kind: "pairing"; readonly busy: boolean; readonly code: string; readonly error?: PairingError }
  | { readonly kind: "opening"; readonly paired: PairedRegister; readonly connection: RelayConnectionStatus; readonly retried?: boolean }
  | { readonly kind: "failed"; readonly paired: PairedRegister; readonly error: PairingError; readonly connection: RelayConnectionStatus }
  | { readonly kind: "ready"; readonly paired: PairedRegister; readonly session: RegisterSession };

/** Shown when the cashier types a code the relay can't know (the codes are 8 characters). */
const MIN_CODE_LENGTH = 4;

/**
 * Start-up, in the order DESIGN §5 asks for: the register lock first (one register per browser
 * profile), persistent storage (asked, never required), the paired identity (pairing if there is
 * none), and only then the repo and the session.
 */
export class BootController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #toasts: ToastModel;
  #state: BootState = { kind: "starting" };
  #repo: RegisterRepo | undefined;
  #started = false;

  /** undefined until the browser answered; false means it may evict offline data under pressure. */
  storagePersisted: boolean | undefined;
  /** The browser has no Web Locks (e.g. a plain-http LAN address): two tabs could both sell. */
  lockUnsupported = false;

  constructor(host: ReactiveControllerHost, toasts: ToastModel) {
    this.#host = host;
    this.#toasts = toasts;
    host.addController(this);
  }

  get state(): BootState {
    return this.#state;
  }

  hostConnected(): void {
    window.addEventListener("hashchange", this.#onHashChange);
    if (this.#started) return;
    this.#started = true;
    void this.#start();
  }

  hostDisconnected(): void {
    window.removeEventListener("hashchange", this.#onHashChange);
  }

  /** A "#pair=" link opened in this already-running tab (no reload happens for a hash change). */
  readonly #onHashChange = (): void => {
    const code = pairCodeFromHash(location.hash);
    if (code === undefined) return;
    const s = this.#state;
    if (s.kind === "pairing" && !s.busy) void this.pair(code);
    else if (s.kind === "opening" || s.kind === "failed" || s.kind === "ready") {
      clearHash();
      this.#ignoredLink(s.paired);
    }
  };

  #ignoredLink(paired: PairedRegister): void {
    this.#toasts.show(msg("Pairing link ignored"), {
      detail: msg(str`This browser is already register ${paired.registerNumber} of ${paired.storeName}.`),
      ms: 6000,
    });
  }

  async #start(): Promise<void> {
    const lock = await holdRegisterLock().catch(() => "unsupported" as const);
    if (lock === "busy") return this.#set({ kind: "blocked" });
    this.lockUnsupported = lock === "unsupported";
    void this.#askPersistence();

    const stored = loadPaired();
    const linkCode = pairCodeFromHash(location.hash);
    if (stored.kind === "paired") {
      if (linkCode !== undefined) {
        clearHash();
        this.#ignoredLink(stored.paired);
      }
      void backupPaired(stored.paired, this.#identityCopy());
      return this.#open(stored.paired);
    }
    // localStorage lost the identity (an app reset, a storage cleaner): the copy in IndexedDB brings
    // it back, so sales not yet on the relay still get there (DESIGN O3).
    const restored = await restorePaired(localStorage, this.#identityCopy());
    if (restored) {
      if (linkCode !== undefined) clearHash();
      this.#toasts.show(msg("Register identity restored"), { tone: "info", detail: msg(str`This browser is still register ${restored.registerNumber} of ${restored.storeName}.`), ms: 6000 });
      return this.#open(restored);
    }
    if (stored.kind === "invalid") {
      this.#toasts.show(msg("The saved register identity could not be read"), { tone: "warn", detail: msg("Pair this register again."), ms: 6000 });
    }
    if (linkCode !== undefined) return this.pair(linkCode);
    this.#set({ kind: "pairing", busy: false, code: "" });
  }

  /** The lock holder is gone (closed tab): try to take the lock again. */
  retryLock(): void {
    if (this.#state.kind !== "blocked") return;
    this.#set({ kind: "starting" });
    void this.#start();
  }

  setPairingCode(code: string): void {
    if (this.#state.kind !== "pairing" || this.#state.busy) return;
    this.#set({ kind: "pairing", busy: false, code });
  }

  async pair(typed: string): Promise<void> {
    const code = normalizePairingCode(typed);
    if (code.length < MIN_CODE_LENGTH) {
      return this.#set({ kind: "pairing", busy: false, code: typed, error: { code: "PAIRING_CODE_SHORT", message: "Enter the 8-character pairing code" } });
    }
    this.#set({ kind: "pairing", busy: true, code });
    const result = await pairRegister(location.origin, code);
    // A code is single use: never leave it in the address bar for a reload to spend again.
    clearHash();
    if (!result.ok) return this.#set({ kind: "pairing", busy: false, code, error: result.error });
    savePaired(result.value);
    await backupPaired(result.value, this.#identityCopy());
    this.#toasts.show(msg(str`Paired as register ${result.value.registerNumber}`), { tone: "success", detail: result.value.storeName });
    return this.#open(result.value);
  }

  /**
   * "Try again" after a failed start. Without a relay connection there is nothing new to open
   * with, so it asks the connection to retry now; the start completes by itself once it is through.
   */
  async open(): Promise<void> {
    const s = this.#state;
    if (s.kind !== "failed") return;
    const connection = this.#repo?.connection;
    if (connection && connection.state !== "connected") {
      connection.reconnectNow();
      this.#toasts.show(msg("Trying to reach the relay…"), { detail: msg("The register opens as soon as it answers.") });
      return;
    }
    return this.#open(s.paired);
  }

  async #open(paired: PairedRegister): Promise<void> {
    const repo = this.#repoFor(paired);
    this.#set({ kind: "opening", paired, connection: repo.connection.status, retried: this.#state.kind === "failed" });
    try {
      const session = await RegisterSession.open({
        repo: repo.repo,
        storage: repo.storage,
        paired,
        connection: repo.connection,
        ids: { now: () => Date.now(), randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)) },
        // Online-only commands (refunds, store-wide receipts, customers, stock, the relay's clock).
        api: new RelayApi(location.origin, () => paired.token),
        // No staff accounts yet: shift events record the register that opened and closed them.
        cashier: () => `${paired.registerName} (POS ${paired.registerNumber})`,
        wipeLocalData: () => wipeBrowserData(repo),
      });
      // A start that waited on the relay may have left "Trying to reach the relay…" up.
      if (this.#state.kind === "opening" && this.#state.retried) this.#toasts.dismiss();
      this.#set({ kind: "ready", paired, session });
    } catch (error) {
      const firstStart = repo.connection.status.state !== "connected";
      // The failed repo remembers the documents as unavailable and would refuse them forever: start
      // over with a fresh one, whose connection retries on its own and re-opens once it is through.
      this.#repo = undefined;
      void repo.repo.shutdown().catch(() => undefined);
      const fresh = this.#repoFor(paired);
      this.#set({
        kind: "failed",
        paired,
        connection: fresh.connection.status,
        error: firstStart
          ? { code: "STORE_NOT_AVAILABLE", message: "The store's catalog is not on this device yet. Connect to the internet once so the register can download it; it opens by itself as soon as the relay is reachable." }
          : { code: "OPEN_FAILED", message: String(error instanceof Error ? error.message : error) },
      });
    }
  }

  /** Signs out (DESIGN O3): only with nothing unsynced; wipes local data, forgets the identity, back to pairing. */
  async signOut(): Promise<{ ok: true } | { ok: false; error: PairingError }> {
    const s = this.#state;
    if (s.kind !== "ready") return { ok: false, error: { code: "REGISTER_CLOSED", message: "The register is not open" } };
    const result = await s.session.resetLocalData();
    if (!result.ok) return result;
    clearPaired();
    await forgetBackup(this.#identityCopy());
    location.reload();
    return { ok: true };
  }

  #identityCopy() {
    return indexedDbIdentityStore();
  }

  #repoFor(paired: PairedRegister): RegisterRepo {
    if (this.#repo) return this.#repo;
    const repo = createBrowserRegisterRepo({ paired, relayHttpUrl: location.origin });
    // While the session opens (or failed to), the start screen shows how the relay connection is
    // doing; a failed first start tries again by itself once the relay answers.
    repo.connection.on("state", (status) => {
      if (this.#repo !== repo) return;
      const s = this.#state;
      if (s.kind === "failed" && status.state === "connected") void this.#open(s.paired);
      else if (s.kind === "opening" || s.kind === "failed") this.#set({ ...s, connection: status });
    });
    this.#repo = repo;
    return repo;
  }

  async #askPersistence(): Promise<void> {
    const storage = navigator.storage;
    if (!storage?.persist) return;
    try {
      this.storagePersisted = (await storage.persisted()) || (await storage.persist());
    } catch {
      this.storagePersisted = false;
    }
    this.#host.requestUpdate();
  }

  #set(state: BootState): void {
    this.#state = state;
    this.#host.requestUpdate();
  }
}

/** Deletes the register's IndexedDB database after closing the repo (only called with nothing unsynced). */
async function wipeBrowserData(repo: RegisterRepo): Promise<void> {
  await repo.repo.shutdown().catch(() => undefined);
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase("kasa-register");
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
