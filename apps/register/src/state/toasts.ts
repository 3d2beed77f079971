import { Observable } from "./observable.js";

export type ToastTone = "info" | "success" | "warn" | "danger";

export interface Toast {
  readonly id: number;
  readonly message: string;
  readonly detail?: string;
  readonly tone: ToastTone;
}

/** One short message at a time at the bottom of the screen ("No internet connection"). */
export class ToastModel extends Observable {
  #current: Toast | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #nextId = 1;

  get current(): Toast | undefined {
    return this.#current;
  }

  show(message: string, o: { tone?: ToastTone; detail?: string; ms?: number } = {}): void {
    clearTimeout(this.#timer);
    this.#current = { id: this.#nextId++, message, tone: o.tone ?? "info", ...(o.detail === undefined ? {} : { detail: o.detail }) };
    this.notify();
    this.#timer = setTimeout(() => this.dismiss(), o.ms ?? 4000);
  }

  dismiss(): void {
    clearTimeout(this.#timer);
    if (this.#current === undefined) return;
    this.#current = undefined;
    this.notify();
  }
}
