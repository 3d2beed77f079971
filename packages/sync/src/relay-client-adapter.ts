import { NetworkAdapter, cbor } from "@automerge/automerge-repo/slim";
import type { Message, NetworkAdapterEvents, PeerId, PeerMetadata } from "@automerge/automerge-repo/slim";
import { KASA_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX, tokenFromSubprotocols } from "@kasa/documents";
import { backoffDelay, type BackoffOptions } from "./backoff.js";

// The wire names live in @kasa/documents so the relay and the register read the same constants.
export { KASA_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX, tokenFromSubprotocols };

/**
 * Register side of the relay connection. Replaces the stock WebSocketClientAdapter, which crashes Node on a 401 or
 * a DNS failure, keeps reconnecting after shutdown, leaks superseded sockets and cannot carry a token
 * (research/automerge.md §3.7). Rules RC1… in SPEC-relay-client.md.
 */

/** Close codes with which the relay says "this token will not do"; retrying fast would not change its mind. */
export const CLOSE_BAD_TOKEN = 4401;
export const CLOSE_FORBIDDEN = 4403;

const PROTOCOL_V1 = "1";
// Same grace as the stock adapter: an offline register's Repo must not wait for the relay before answering find().
const READY_AFTER_MS = 1000;
// RFC 7230 token characters: anything else makes `new WebSocket()` throw a SyntaxError (browsers and ws alike).
const SUBPROTOCOL_CHARS = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CONNECTING = 0;
const OPEN = 1;
const NORMAL_CLOSURE = 1000;

/** The part of the WebSocket API this adapter uses: satisfied by the browser's WebSocket and by the `ws` package. */
export interface RelaySocket {
  readonly readyState: number;
  binaryType: string;
  send(data: ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "open" | "close" | "error" | "message", listener: (event: unknown) => void): void;
  removeEventListener(type: "open" | "close" | "error" | "message", listener: (event: unknown) => void): void;
}
export type WebSocketConstructor = new (url: string, protocols: string[]) => RelaySocket;

/** Called unbound, like the globals they default to. */
export interface RelayTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RelayClientAdapterOptions {
  readonly url: string;
  /** A function is asked again before every attempt, so a re-paired register picks up its new token. */
  readonly token?: string | (() => string | undefined);
  /** Defaults to `globalThis.WebSocket`; Node 20 has none, pass the `ws` package's `WebSocket`. */
  readonly WebSocket?: WebSocketConstructor;
  readonly retry?: { readonly initialMs?: number; readonly maxMs?: number };
  /** An attempt with no `peer` answer by then is abandoned: a relay that accepted TCP but hangs must not stall us. */
  readonly handshakeTimeoutMs?: number;
  readonly random?: () => number;
  readonly timers?: RelayTimers;
}

export type RelayConnectionState = "connecting" | "connected" | "offline" | "refused";
export interface RelayRejection {
  readonly code: number;
  readonly reason: string;
}
export interface RelayConnectionStatus {
  readonly state: RelayConnectionState;
  readonly lastError?: string;
  readonly lastRejection?: RelayRejection;
  readonly connectedAt?: number;
}
export interface RelayClientAdapterEvents extends NetworkAdapterEvents {
  /** Emitted when `state` or `lastRejection` changes; `lastError` alone changes on every failed retry and doesn't. */
  state: (status: RelayConnectionStatus) => void;
}

type StateListener = RelayClientAdapterEvents["state"];
interface StateEventMethods {
  on(event: "state", fn: StateListener, context?: unknown): this;
  addListener(event: "state", fn: StateListener, context?: unknown): this;
  once(event: "state", fn: StateListener, context?: unknown): this;
  off(event: "state", fn?: StateListener, context?: unknown, once?: boolean): this;
  removeListener(event: "state", fn?: StateListener, context?: unknown, once?: boolean): this;
  emit(event: "state", status: RelayConnectionStatus): boolean;
}
// A subclass cannot widen eventemitter3's generic signatures (TS rejects the override as incompatible), so the
// "state" overloads are intersected into the base type. At runtime this is NetworkAdapter itself.
const NetworkAdapterWithState = NetworkAdapter as abstract new () => NetworkAdapter & StateEventMethods;


interface Timer {
  readonly handle: unknown;
}

/** One socket's life. Handlers compare against the current attempt, so a late event from an old socket is inert. */
interface Attempt {
  readonly socket: RelaySocket;
  readonly listeners: {
    readonly open: () => void;
    readonly close: (event: unknown) => void;
    readonly error: (event: unknown) => void;
    readonly message: (event: unknown) => void;
  };
  handshaken: boolean;
  /** A cause was already recorded, so the close that follows must not overwrite it with a bare close code. */
  explained: boolean;
  /** The HTTP upgrade was answered 401/403 (only Node's ws can tell; browsers hide the status). */
  httpRefused: boolean;
}

export class RelayClientAdapter extends NetworkAdapterWithState {
  readonly url: string;
  readonly #token: string | (() => string | undefined) | undefined;
  readonly #WebSocket: WebSocketConstructor;
  readonly #retry: BackoffOptions;
  readonly #handshakeTimeoutMs: number;
  readonly #random: () => number;
  readonly #setTimeout: RelayTimers["setTimeout"];
  readonly #clearTimeout: RelayTimers["clearTimeout"];

  #started = false;
  #stopped = false;
  #attempt: Attempt | undefined;
  #failures = 0;
  #retryTimer: Timer | undefined;
  #readyTimer: Timer | undefined;
  #handshakeTimer: Timer | undefined;

  #ready = false;
  #resolveReady: () => void = () => {};
  readonly #readyPromise = new Promise<void>((resolve) => {
    this.#resolveReady = resolve;
  });

  #state: RelayConnectionState = "offline";
  #lastError: string | undefined;
  #lastRejection: RelayRejection | undefined;
  #connectedAt: number | undefined;
  #remotePeerId: PeerId | undefined;
  #published: { state: RelayConnectionState; rejection: RelayRejection | undefined } = { state: "offline", rejection: undefined };

  constructor(options: RelayClientAdapterOptions) {
    super();
    this.url = options.url;
    this.#token = options.token;
    const Impl = options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
    // A missing implementation is a wiring mistake at startup, not a network condition: fail loudly once.
    if (Impl === undefined) throw new Error("RelayClientAdapter: no WebSocket implementation; pass options.WebSocket");
    this.#WebSocket = Impl;
    const initialMs = options.retry?.initialMs ?? 500;
    this.#retry = { initialMs, maxMs: Math.max(initialMs, options.retry?.maxMs ?? 10_000) };
    this.#handshakeTimeoutMs = options.handshakeTimeoutMs ?? 15_000;
    this.#random = options.random ?? Math.random;
    const timers = options.timers;
    this.#setTimeout = timers ? timers.setTimeout : (callback, ms) => globalThis.setTimeout(callback, ms);
    this.#clearTimeout = timers
      ? timers.clearTimeout
      : (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
  }

  get state(): RelayConnectionState {
    return this.#state;
  }
  get lastError(): string | undefined {
    return this.#lastError;
  }
  get lastRejection(): RelayRejection | undefined {
    return this.#lastRejection;
  }
  /** When the current connection's handshake completed; undefined while not connected. */
  get connectedAt(): number | undefined {
    return this.#connectedAt;
  }
  /** The relay's peer id while connected. */
  get remotePeerId(): PeerId | undefined {
    return this.#remotePeerId;
  }
  get status(): RelayConnectionStatus {
    return {
      state: this.#state,
      ...(this.#lastError === undefined ? {} : { lastError: this.#lastError }),
      ...(this.#lastRejection === undefined ? {} : { lastRejection: this.#lastRejection }),
      ...(this.#connectedAt === undefined ? {} : { connectedAt: this.#connectedAt }),
    };
  }

  isReady(): boolean {
    return this.#ready;
  }
  whenReady(): Promise<void> {
    return this.#readyPromise;
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    // The Repo may call connect again (NetworkSubsystem.reconnect); one retry loop per adapter is enough.
    if (this.#stopped || this.#started) return;
    this.#started = true;
    this.peerId = peerId;
    this.peerMetadata = peerMetadata ?? {};
    this.#readyTimer = this.#schedule(() => this.#markReady(), READY_AFTER_MS);
    this.#state = "connecting";
    this.#publish();
    this.#open();
  }

  /** For a manual "Sync" button: skip the backoff wait. An attempt already under way is left to finish. */
  reconnectNow(): void {
    if (this.#stopped || !this.#started) return;
    const attempt = this.#attempt;
    if (attempt?.handshaken) return;
    this.#state = "connecting";
    this.#publish();
    if (attempt === undefined) this.#open();
  }

  disconnect(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#retryTimer = this.#cancel(this.#retryTimer);
    this.#readyTimer = this.#cancel(this.#readyTimer);
    this.#handshakeTimer = this.#cancel(this.#handshakeTimer);
    const attempt = this.#attempt;
    this.#attempt = undefined;
    if (attempt !== undefined) this.#retire(attempt);
    this.#lost(attempt);
    // Nobody should wait forever on an adapter that will never connect.
    this.#markReady();
    this.#state = "offline";
    this.#publish();
  }

  send(message: Message): void {
    const attempt = this.#attempt;
    // Dropping is safe: automerge-repo's sync protocol resends whatever the relay turns out not to have.
    if (attempt === undefined || !attempt.handshaken || attempt.socket.readyState !== OPEN) return;
    if ("data" in message && message.data instanceof Uint8Array && message.data.byteLength === 0) return;
    try {
      // A fresh ArrayBuffer: cbor.encode may return a view into a larger pooled buffer.
      attempt.socket.send(new Uint8Array(cbor.encode(message)).buffer);
    } catch (error) {
      this.#recordError(`send failed: ${describe(error)}`);
    }
  }

  #open(): void {
    this.#retryTimer = this.#cancel(this.#retryTimer);
    if (this.#stopped || this.#attempt !== undefined) return;

    let token: string | undefined;
    try {
      token = typeof this.#token === "function" ? this.#token() : this.#token;
    } catch (error) {
      this.#recordError(`token provider failed: ${describe(error)}`);
      this.#afterFailure(false);
      return;
    }
    if (token !== undefined && token !== "" && !SUBPROTOCOL_CHARS.test(token)) {
      // Only re-pairing fixes this, so treat it like the relay refusing the token.
      this.#recordError("token contains characters a WebSocket subprotocol cannot carry");
      this.#afterFailure(true);
      return;
    }
    const protocols = token ? [KASA_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token] : [KASA_SUBPROTOCOL];

    let socket: RelaySocket;
    try {
      socket = new this.#WebSocket(this.url, protocols);
    } catch (error) {
      this.#recordError(describe(error));
      this.#afterFailure(false);
      return;
    }

    const attempt: Attempt = {
      socket,
      handshaken: false,
      explained: false,
      httpRefused: false,
      listeners: {
        open: () => this.#guard(attempt, () => this.#onOpen(attempt)),
        close: (event) => this.#guard(attempt, () => this.#onClose(attempt, event)),
        error: (event) => this.#guard(attempt, () => this.#onError(attempt, event)),
        message: (event) => this.#guard(attempt, () => this.#onMessage(attempt, event)),
      },
    };
    this.#attempt = attempt;
    try {
      socket.binaryType = "arraybuffer";
    } catch {
      // Implementations without binaryType hand us Buffers or views, which #onMessage accepts too.
    }
    socket.addEventListener("open", attempt.listeners.open);
    socket.addEventListener("close", attempt.listeners.close);
    socket.addEventListener("error", attempt.listeners.error);
    socket.addEventListener("message", attempt.listeners.message);
    this.#handshakeTimer = this.#schedule(() => {
      if (this.#attempt !== attempt || attempt.handshaken) return;
      this.#recordError(`no handshake from the relay within ${this.#handshakeTimeoutMs} ms`);
      this.#end(attempt, false);
    }, this.#handshakeTimeoutMs);
  }

  /** Socket handlers run inside the WebSocket implementation: an exception there kills a Node process. */
  #guard(attempt: Attempt, body: () => void): void {
    if (this.#attempt !== attempt) return;
    try {
      body();
    } catch (error) {
      this.#recordError(`internal error: ${describe(error)}`);
    }
  }

  #onOpen(attempt: Attempt): void {
    if (this.peerId === undefined) return;
    const join = {
      type: "join",
      senderId: this.peerId,
      peerMetadata: this.peerMetadata ?? {},
      supportedProtocolVersions: [PROTOCOL_V1],
    };
    attempt.socket.send(new Uint8Array(cbor.encode(join)).buffer);
  }

  #onError(attempt: Attempt, event: unknown): void {
    const text = describeErrorEvent(event);
    attempt.explained = true;
    if (/Unexpected server response: 40[13]\b/.test(text)) attempt.httpRefused = true;
    this.#recordError(text);
    // No retry here: a WebSocket always fires close after error, and #onClose owns the retry.
  }

  #onClose(attempt: Attempt, event: unknown): void {
    const code = isRecord(event) && typeof event["code"] === "number" ? event["code"] : 1006;
    const reason = isRecord(event) && event["reason"] !== undefined ? String(event["reason"]) : "";
    let refused = attempt.httpRefused;
    if (code >= 4000 && code <= 4999) {
      this.#lastRejection = { code, reason };
      if (code === CLOSE_BAD_TOKEN || code === CLOSE_FORBIDDEN) refused = true;
    }
    if (!attempt.explained || code >= 4000) this.#recordError(`connection closed (${code}${reason ? ` ${reason}` : ""})`);
    this.#end(attempt, refused);
  }

  #onMessage(attempt: Attempt, event: unknown): void {
    const bytes = toBytes(isRecord(event) ? event["data"] : undefined);
    if (bytes === undefined) return this.#recordError("ignored a frame that is not binary");
    if (bytes.byteLength === 0) return this.#recordError("ignored a zero-length frame");
    let message: unknown;
    try {
      message = cbor.decode(bytes);
    } catch (error) {
      return this.#recordError(`ignored a frame that is not CBOR: ${describe(error)}`);
    }
    if (!isRecord(message) || typeof message["type"] !== "string") {
      return this.#recordError("ignored a frame that is not a message");
    }
    switch (message["type"]) {
      case "peer":
        return this.#onPeer(attempt, message);
      case "error":
        attempt.explained = true;
        // The relay closes the socket right after; the close schedules the retry.
        return this.#recordError(`relay error: ${String(message["message"])}`);
      default:
        if (!attempt.handshaken) return this.#recordError(`ignored "${message["type"]}" before the handshake`);
        this.#emitSafely(() => this.emit("message", message as unknown as Message));
    }
  }

  #onPeer(attempt: Attempt, message: Record<string, unknown>): void {
    if (attempt.handshaken) return;
    const senderId = message["senderId"];
    if (typeof senderId !== "string" || senderId === "") return this.#recordError("relay answered without a peer id");
    const version = message["selectedProtocolVersion"];
    if (version !== undefined && version !== PROTOCOL_V1) {
      this.#recordError(`relay selected unsupported protocol version ${String(version)}`);
      return this.#end(attempt, false);
    }
    attempt.handshaken = true;
    this.#handshakeTimer = this.#cancel(this.#handshakeTimer);
    this.#failures = 0;
    this.#remotePeerId = senderId as PeerId;
    this.#connectedAt = Date.now();
    this.#markReady();
    const peerMetadata = isRecord(message["peerMetadata"]) ? (message["peerMetadata"] as PeerMetadata) : {};
    this.#emitSafely(() => this.emit("peer-candidate", { peerId: senderId as PeerId, peerMetadata }));
    this.#state = "connected";
    this.#publish();
  }

  /** The current attempt is over (closed, timed out or unusable): tell the Repo once, then wait and retry. */
  #end(attempt: Attempt, refused: boolean): void {
    if (this.#attempt !== attempt) return;
    this.#attempt = undefined;
    this.#handshakeTimer = this.#cancel(this.#handshakeTimer);
    this.#retire(attempt);
    this.#lost(attempt);
    this.#afterFailure(refused);
  }

  /** peer-disconnected only for a connection that had completed its handshake, so failed retries stay silent. */
  #lost(attempt: Attempt | undefined): void {
    const peerId = this.#remotePeerId;
    this.#remotePeerId = undefined;
    this.#connectedAt = undefined;
    if (attempt?.handshaken && peerId !== undefined) this.#emitSafely(() => this.emit("peer-disconnected", { peerId }));
  }

  #afterFailure(refused: boolean): void {
    this.#state = refused ? "refused" : "offline";
    this.#publish();
    if (this.#stopped) return;
    // A refused token will not start working by itself soon, but may after re-pairing: keep asking, slowly.
    const delay = refused ? this.#retry.maxMs : backoffDelay(this.#failures, this.#retry, this.#random);
    this.#failures += 1;
    this.#retryTimer = this.#cancel(this.#retryTimer);
    this.#retryTimer = this.#schedule(() => this.#open(), delay);
  }

  /** Detach and close. The no-op error listener matters: ws emits "error" when a connecting socket is closed. */
  #retire(attempt: Attempt): void {
    const { socket, listeners } = attempt;
    socket.addEventListener("error", noop);
    socket.removeEventListener("open", listeners.open);
    socket.removeEventListener("close", listeners.close);
    socket.removeEventListener("error", listeners.error);
    socket.removeEventListener("message", listeners.message);
    try {
      if (socket.readyState === CONNECTING || socket.readyState === OPEN) socket.close(NORMAL_CLOSURE);
    } catch {
      // Already closing or closed: nothing left to release.
    }
  }

  #markReady(): void {
    this.#readyTimer = this.#cancel(this.#readyTimer);
    if (this.#ready) return;
    this.#ready = true;
    this.#resolveReady();
  }

  #recordError(text: string): void {
    this.#lastError = text;
  }

  #emitSafely(emit: () => void): void {
    try {
      emit();
    } catch (error) {
      this.#recordError(`a listener threw: ${describe(error)}`);
    }
  }

  #publish(): void {
    const before = this.#published;
    const rejection = this.#lastRejection;
    // By value: every refused retry records a fresh {code, reason}, and an unchanged one is not news for the UI.
    const sameRejection = before.rejection?.code === rejection?.code && before.rejection?.reason === rejection?.reason;
    if (before.state === this.#state && sameRejection) return;
    this.#published = { state: this.#state, rejection };
    const status = this.status;
    this.#emitSafely(() => this.emit("state", status));
  }

  #schedule(callback: () => void, ms: number): Timer {
    const setTimer = this.#setTimeout;
    return { handle: setTimer(callback, ms) };
  }

  #cancel(timer: Timer | undefined): undefined {
    if (timer !== undefined) {
      const clearTimer = this.#clearTimeout;
      clearTimer(timer.handle);
    }
    return undefined;
  }
}

function noop(): void {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function toBytes(data: unknown): Uint8Array | undefined {
  // The tag check also accepts an ArrayBuffer from another realm (iframe, vm context), where instanceof fails.
  if (data instanceof ArrayBuffer || Object.prototype.toString.call(data) === "[object ArrayBuffer]") {
    return new Uint8Array(data as ArrayBuffer);
  }
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function describeErrorEvent(event: unknown): string {
  if (isRecord(event)) {
    if (event["error"] instanceof Error) return describe(event["error"]);
    if (typeof event["message"] === "string" && event["message"] !== "") return event["message"];
  }
  // Browsers withhold the cause of a failed WebSocket by design.
  return "connection failed";
}
