import { api, type ReceiptRow } from "./api.js";

export type LiveState = "connecting" | "open" | "reconnecting";

export interface LiveEventMap {
  state: CustomEvent<LiveState>;
  /** The stream is (re)connected: anything missed while it was down should be refetched. */
  open: Event;
  receipts: CustomEvent<ReceiptRow[]>;
  devices: Event;
  /** The relay closed the stream for good (e.g. the session ended); the app should check the session. */
  dropped: Event;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * The store's server-sent event stream (GET /api/stores/:id/live). EventSource reconnects by
 * itself after network errors; when the relay refuses the stream (HTTP error, e.g. signed out),
 * EventSource gives up and this retries with backoff after telling the app ("dropped").
 */
export class LiveStream extends EventTarget {
  #source: EventSource | undefined;
  #state: LiveState = "connecting";
  #retryMs = RETRY_MIN_MS;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(readonly storeId: string) {
    super();
  }

  get state(): LiveState {
    return this.#state;
  }

  start(): void {
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#source?.close();
    this.#source = undefined;
  }

  on<K extends keyof LiveEventMap>(type: K, listener: (event: LiveEventMap[K]) => void): () => void {
    const l = listener as EventListener;
    this.addEventListener(type, l);
    return () => this.removeEventListener(type, l);
  }

  #setState(state: LiveState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.dispatchEvent(new CustomEvent("state", { detail: state }));
  }

  #connect(): void {
    if (this.#stopped) return;
    const source = new EventSource(api.liveUrl(this.storeId));
    this.#source = source;
    source.addEventListener("open", () => {
      this.#retryMs = RETRY_MIN_MS;
      this.#setState("open");
      this.dispatchEvent(new Event("open"));
    });
    source.addEventListener("receipts", (e) => {
      let rows: ReceiptRow[];
      try {
        rows = JSON.parse((e as MessageEvent<string>).data) as ReceiptRow[];
      } catch {
        return;
      }
      if (Array.isArray(rows) && rows.length) this.dispatchEvent(new CustomEvent("receipts", { detail: rows }));
    });
    source.addEventListener("devices", () => this.dispatchEvent(new Event("devices")));
    source.addEventListener("error", () => {
      if (this.#stopped) return;
      this.#setState("reconnecting");
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        this.dispatchEvent(new Event("dropped"));
        this.#timer = setTimeout(() => this.#connect(), this.#retryMs);
        this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
      }
    });
  }
}
