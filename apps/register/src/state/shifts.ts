import type { Minor, ShiftReport } from "@kasa/domain";
import type { RegisterSession, SessionFailure, ShiftView } from "@kasa/sync";
import { Observable } from "./observable.js";

/** Which shift dialog is open on the shift screen. */
export type ShiftDialog = "pay-in" | "pay-out" | "close" | undefined;

/**
 * The shift screen's state: the command in progress, its coded refusal, the dialog that is open,
 * the device's shift history (read from the session, refreshed when the session changes) and the
 * report being looked at. The numbers themselves come from the domain's shift report.
 */
export class ShiftsModel extends Observable {
  #session: RegisterSession | undefined;
  #unsubscribe: (() => void) | undefined;
  #busy = false;
  #error: SessionFailure | undefined;
  #dialog: ShiftDialog;
  #history: readonly ShiftView[] | undefined;
  #selected: string | undefined;
  /** The report just closed, shown until the cashier moves on. */
  #justClosed: ShiftReport | undefined;
  #loading: Promise<void> | undefined;
  #reloadAgain = false;

  get busy(): boolean {
    return this.#busy;
  }
  get error(): SessionFailure | undefined {
    return this.#error;
  }
  get dialog(): ShiftDialog {
    return this.#dialog;
  }
  get history(): readonly ShiftView[] | undefined {
    return this.#history;
  }
  get justClosed(): ShiftReport | undefined {
    return this.#justClosed;
  }
  /** The history entry the cashier opened, if any. */
  get selected(): ShiftView | undefined {
    return this.#history?.find((v) => v.report.shiftId === this.#selected);
  }

  /** Follows a session: the history is re-read whenever its events change (a new shift event, a sync ack). */
  attach(session: RegisterSession | undefined): void {
    if (session === this.#session) return;
    this.#unsubscribe?.();
    this.#session = session;
    this.#history = undefined;
    this.#unsubscribe = session?.subscribe(() => void this.reload());
    void this.reload();
  }

  /** Re-reads the history; calls that arrive while reading coalesce into one more read. */
  reload(): Promise<void> {
    if (this.#loading) {
      this.#reloadAgain = true;
      return this.#loading;
    }
    const session = this.#session;
    if (!session) return Promise.resolve();
    this.#loading = (async () => {
      do {
        this.#reloadAgain = false;
        try {
          this.#history = await session.shiftHistory();
        } catch {
          // A journal missing from this device: keep what was read before.
        }
        this.notify();
      } while (this.#reloadAgain);
      this.#loading = undefined;
    })();
    return this.#loading;
  }

  openDialog(dialog: ShiftDialog): void {
    this.#dialog = dialog;
    this.#error = undefined;
    this.notify();
  }

  select(shiftId: string | undefined): void {
    this.#selected = shiftId;
    this.#justClosed = undefined;
    this.notify();
  }

  dismissClosed(): void {
    this.#justClosed = undefined;
    this.notify();
  }

  clearError(): void {
    this.#error = undefined;
    this.notify();
  }

  open(startingCash: Minor): Promise<boolean> {
    return this.#run((s) => s.openShift(startingCash), () => (this.#justClosed = undefined));
  }

  move(kind: "in" | "out", amount: Minor, comment: string): Promise<boolean> {
    return this.#run((s) => s.moveCash(kind, amount, comment));
  }

  close(countedCash: Minor): Promise<boolean> {
    return this.#run(
      (s) => s.closeShift(countedCash),
      (report) => {
        this.#justClosed = report;
        this.#selected = undefined;
      },
    );
  }

  /** A refusal the screen found before asking the session (an unreadable amount, a missing comment). */
  refuse(error: SessionFailure): void {
    this.#error = error;
    this.notify();
  }

  async #run(command: (s: RegisterSession) => Promise<{ ok: true; value: ShiftReport } | { ok: false; error: SessionFailure }>, then?: (report: ShiftReport) => void): Promise<boolean> {
    const session = this.#session;
    if (!session || this.#busy) return false;
    this.#busy = true;
    this.#error = undefined;
    this.notify();
    let ok = false;
    try {
      const result = await command(session);
      if (result.ok) {
        ok = true;
        this.#dialog = undefined;
        then?.(result.value);
      } else this.#error = result.error;
    } catch (error) {
      this.#error = { code: "SAVE_FAILED", message: String(error instanceof Error ? error.message : error) };
    } finally {
      this.#busy = false;
      this.notify();
    }
    if (ok) void this.reload();
    return ok;
  }
}
