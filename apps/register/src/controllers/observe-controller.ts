import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Subscribable } from "../state/observable.js";

/**
 * Re-renders its host whenever a watched source notifies. The source is read through a getter so a
 * host can watch something it receives as a property: when the property changes, the controller
 * moves its subscription before the next render.
 */
export class ObserveController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #source: () => Subscribable | undefined;
  #watched: Subscribable | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, source: () => Subscribable | undefined) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  hostConnected(): void {
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#watched = undefined;
  }

  #sync(): void {
    const source = this.#source();
    if (source === this.#watched) return;
    this.#unsubscribe?.();
    this.#watched = source;
    this.#unsubscribe = source?.subscribe(() => this.#host.requestUpdate());
  }
}
