import type { PaymentTerminal, TerminalChargeRequest, TerminalOutcome } from "./payment-terminal.js";

/** localStorage key with the outcomes the next charges give, e.g. '["decline","approve"]' (one consumed per charge). */
export const TERMINAL_SCRIPT_KEY = "kasa.terminal.script";
/** localStorage key overriding how long a "timeout" charge waits, in ms. */
export const TERMINAL_TIMEOUT_KEY = "kasa.terminal.timeoutMs";

export type ScriptedOutcome = "approve" | "decline" | "timeout";

export interface SimulatedTerminalOptions {
  /** How long the customer takes to present the card, in ms (a real tap is about 1–2 s). */
  readonly presentMs?: number;
  /** How long a "timeout" charge waits before giving up, in ms; read at each charge. */
  readonly timeoutMs?: number | (() => number | undefined);
  /** The next scripted outcome, consumed one per charge; undefined = approve. */
  readonly nextOutcome?: () => ScriptedOutcome | undefined;
  readonly randomBytes?: (n: number) => Uint8Array;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

/** A real terminal gives up after about a minute; the simulation is shorter so a demo doesn't stall. */
const DEFAULT_TIMEOUT_MS = 8000;

/** Authorization codes look like a real terminal's: 6 characters, no look-alikes (0/O, 1/I). */
const AUTH_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/**
 * A stand-in for an integrated terminal, for demos and tests: it waits as if the customer presented
 * a card, then approves, declines or times out as scripted. One charge at a time, like a real device.
 */
export class SimulatedTerminal implements PaymentTerminal {
  readonly #presentMs: number;
  readonly #timeoutMs: () => number;
  readonly #next: () => ScriptedOutcome | undefined;
  readonly #random: (n: number) => Uint8Array;
  readonly #setTimer: (fn: () => void, ms: number) => unknown;
  readonly #clearTimer: (handle: unknown) => void;
  #pending: { timer: unknown; resolve: (o: TerminalOutcome) => void } | undefined;

  constructor(o: SimulatedTerminalOptions = {}) {
    this.#presentMs = o.presentMs ?? 1500;
    const timeout = o.timeoutMs;
    this.#timeoutMs = () => (typeof timeout === "function" ? timeout() : timeout) ?? DEFAULT_TIMEOUT_MS;
    this.#next = o.nextOutcome ?? (() => undefined);
    this.#random = o.randomBytes ?? ((n) => crypto.getRandomValues(new Uint8Array(n)));
    this.#setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.#clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  charge(_request: TerminalChargeRequest): Promise<TerminalOutcome> {
    if (this.#pending) return Promise.resolve({ outcome: "declined", reason: "Terminal busy" });
    const scripted = this.#next() ?? "approve";
    return new Promise<TerminalOutcome>((resolve) => {
      const finish = (outcome: TerminalOutcome) => {
        this.#pending = undefined;
        resolve(outcome);
      };
      const ms = scripted === "timeout" ? this.#timeoutMs() : this.#presentMs;
      const timer = this.#setTimer(() => {
        if (scripted === "approve") finish({ outcome: "approved", authorization: this.#authorization() });
        else if (scripted === "decline") finish({ outcome: "declined", reason: "Declined by the card issuer" });
        else finish({ outcome: "timeout" });
      }, ms);
      this.#pending = { timer, resolve: finish };
    });
  }

  cancel(): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#clearTimer(pending.timer);
    pending.resolve({ outcome: "declined", reason: "cancelled" });
  }

  #authorization(): string {
    return [...this.#random(6)].map((b) => AUTH_ALPHABET[b % AUTH_ALPHABET.length]).join("");
  }
}

/** Reads and consumes the next scripted outcome from storage (tests set it before a charge). */
export function storageScript(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">): () => ScriptedOutcome | undefined {
  return () => {
    let script: unknown;
    try {
      script = JSON.parse(storage.getItem(TERMINAL_SCRIPT_KEY) ?? "[]");
    } catch {
      return undefined;
    }
    if (!Array.isArray(script) || script.length === 0) return undefined;
    const [first, ...rest] = script as unknown[];
    if (rest.length > 0) storage.setItem(TERMINAL_SCRIPT_KEY, JSON.stringify(rest));
    else storage.removeItem(TERMINAL_SCRIPT_KEY);
    return first === "decline" || first === "timeout" || first === "approve" ? first : undefined;
  };
}

/** The terminal the register uses: simulated, scripted through localStorage. */
export function browserTerminal(storage: Storage = localStorage): SimulatedTerminal {
  const timeoutMs = () => {
    const ms = Number(storage.getItem(TERMINAL_TIMEOUT_KEY));
    return ms > 0 ? ms : undefined;
  };
  return new SimulatedTerminal({ nextOutcome: storageScript(storage), timeoutMs });
}
