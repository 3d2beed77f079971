/** Anything elements can watch: a RegisterSession, a ticket, the toasts. */
export interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/** Base for the app's small state models: they change through methods and notify their watchers. */
export class Observable implements Subscribable {
  readonly #listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  protected notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
