import type { ReactiveController, ReactiveControllerHost } from "lit";
import { ScanBuffer } from "../lib/scan-buffer.js";

/** True for the element a keystroke goes to when it is somewhere the cashier types. */
function isEditable(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
}

/**
 * Listens for barcode scanners at the till. A USB/Bluetooth scanner is a keyboard: it types the
 * code fast and presses Enter. The listener sits on the window, so a scan works whatever has the
 * focus, except a field the cashier is typing in (the search field handles its own Enter).
 */
export class BarcodeController implements ReactiveController {
  readonly #buffer = new ScanBuffer();
  readonly #onScan: (code: string) => void;
  readonly #active: () => boolean;

  constructor(host: ReactiveControllerHost, o: { onScan: (code: string) => void; active: () => boolean }) {
    this.#onScan = o.onScan;
    this.#active = o.active;
    host.addController(this);
  }

  hostConnected(): void {
    // Capture phase: the scan's Enter must not also press whichever button has the focus.
    window.addEventListener("keydown", this.#key, true);
  }

  hostDisconnected(): void {
    window.removeEventListener("keydown", this.#key, true);
  }

  readonly #key = (e: KeyboardEvent): void => {
    if (!this.#active() || e.ctrlKey || e.metaKey || e.altKey || isEditable(e.composedPath()[0])) {
      this.#buffer.reset();
      return;
    }
    const code = this.#buffer.key(e.key, e.timeStamp);
    if (code === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    this.#onScan(code);
  };
}
