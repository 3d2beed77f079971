import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { RegisterSession } from "@kasa/sync";
import { BootController, type BootState } from "../controllers/boot-controller.js";
import { ObserveController } from "../controllers/observe-controller.js";
import { Formatters } from "../lib/format.js";
import { connectionLabel, syncNowMessage } from "../lib/sync-status.js";
import { CheckoutModel } from "../state/checkout.js";
import { TicketModel } from "../state/ticket.js";
import { ToastModel } from "../state/toasts.js";
import { shared } from "../styles/shared.js";
import { tokens } from "../styles/tokens.js";
import { icons } from "../icons.js";
import type { RegisterView } from "./register-top-bar.js";
import "./register-notice-screen.js";
import "./register-pairing-screen.js";
import "./register-receipts-screen.js";
import "./register-till.js";
import "./register-toast.js";
import "./register-top-bar.js";

/**
 * The register app: start-up (lock, pairing, opening the session), then the till and the
 * receipts under one top bar. Owns the state that must survive switching screens: the ticket,
 * the checkout and the toasts.
 */
@customElement("register-app")
export class RegisterApp extends LitElement {
  static override styles = [
    tokens,
    shared,
    css`
      :host {
        display: block;
        height: 100%;
        background: var(--kasa-bg);
      }
      .shell {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr);
        height: 100dvh;
        min-height: 0;
      }
      main {
        min-height: 0;
        position: relative;
      }
      main > * {
        height: 100%;
      }
    `,
  ];

  readonly #toasts = new ToastModel();
  readonly #ticket = new TicketModel();
  readonly #checkout = new CheckoutModel();
  readonly #boot = new BootController(this, this.#toasts);

  constructor() {
    super();
    new ObserveController(this, () => this.#session);
  }

  @state() private view: RegisterView = "till";
  #formatters: Formatters | undefined;
  #formattersKey = "";

  get #session(): RegisterSession | undefined {
    const s = this.#boot.state;
    return s.kind === "ready" ? s.session : undefined;
  }

  protected override willUpdate(_changed: PropertyValues): void {
    const session = this.#session;
    if (!session) return;
    const { currency, locale, timeZone } = session.snapshot.store.settings;
    const key = `${currency}|${locale}|${timeZone}`;
    if (key !== this.#formattersKey) {
      this.#formatters = new Formatters({ currency, locale, timeZone });
      this.#formattersKey = key;
    }
  }

  protected override render() {
    return html`${this.#screen(this.#boot.state)}<register-toast .toasts=${this.#toasts}></register-toast>`;
  }

  #screen(s: BootState) {
    switch (s.kind) {
      case "starting":
        return html`<register-notice-screen busy heading="Starting Kasa…"></register-notice-screen>`;
      case "blocked":
        return html`<register-notice-screen
          testid="lock-blocked"
          tone="warn"
          heading="This register is already open in another tab or window"
          message="Only one tab can sell at a time, so that two tabs never issue the same receipt number. Close the other tab, or switch to it."
          action="Try again"
          @notice-action=${() => this.#boot.retryLock()}
          >${icons.lock}</register-notice-screen
        >`;
      case "pairing":
        return html`<register-pairing-screen
          .code=${s.code}
          .busy=${s.busy}
          .error=${s.error}
          @code-input=${(e: CustomEvent<string>) => this.#boot.setPairingCode(e.detail)}
          @pair=${(e: CustomEvent<string>) => void this.#boot.pair(e.detail)}
        ></register-pairing-screen>`;
      case "opening":
        return html`<register-notice-screen
          busy
          heading="Opening register ${s.paired.registerNumber}…"
          message=${s.connection.state === "connected"
            ? "Loading the store's catalog."
            : "Loading the store from this device. Receipts and sales work offline once the catalog is here."}
          status="Relay: ${connectionLabel(s.connection.state)}"
        ></register-notice-screen>`;
      case "failed":
        return html`<register-notice-screen
          testid="open-failed"
          tone="danger"
          heading="The register could not open"
          .code=${s.error.code}
          message=${s.error.message}
          status="Relay: ${connectionLabel(s.connection.state)}"
          action="Try again"
          @notice-action=${() => void this.#boot.open()}
          >${icons.cloudOff}</register-notice-screen
        >`;
      case "ready":
        return this.#registerUi(s.session);
    }
  }

  #registerUi(session: RegisterSession) {
    const snapshot = session.snapshot;
    const formatters = this.#formatters!;
    return html`<div class="shell">
      <register-top-bar
        .paired=${session.paired}
        .storeName=${snapshot.store.settings.name}
        .connection=${snapshot.connection}
        .unsynced=${snapshot.unsyncedCount}
        .view=${this.view}
        .storagePersisted=${this.#boot.storagePersisted}
        .lockUnsupported=${this.#boot.lockUnsupported}
        @view-change=${(e: CustomEvent<RegisterView>) => (this.view = e.detail)}
        @sync-now=${() => this.#syncNow(session)}
        @explain=${(e: CustomEvent<{ message: string; detail: string }>) =>
          this.#toasts.show(e.detail.message, { tone: "warn", detail: e.detail.detail, ms: 7000 })}
      ></register-top-bar>
      <main>
        <register-till
          ?hidden=${this.view !== "till"}
          .session=${session}
          .snapshot=${snapshot}
          .ticket=${this.#ticket}
          .checkout=${this.#checkout}
          .formatters=${formatters}
        ></register-till>
        ${this.view === "receipts"
          ? html`<register-receipts-screen .snapshot=${snapshot} .formatters=${formatters}></register-receipts-screen>`
          : nothing}
      </main>
    </div>`;
  }

  /** The ⋮ menu's "Sync now": offline it says so (Loyverse: "No internet connection") and still retries. */
  #syncNow(session: RegisterSession): void {
    const { connection, unsyncedCount } = session.snapshot;
    const { message, tone } = syncNowMessage(connection, unsyncedCount);
    if (connection.state !== "connected") session.syncNow();
    this.#toasts.show(message, {
      tone,
      ...(connection.state === "connected" || connection.state === "refused"
        ? {}
        : { detail: "Sales are saved on this register and sync when the relay is reachable." }),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-app": RegisterApp;
  }
}
