import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { PairedRegister, RelayConnectionStatus } from "@kasa/sync";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";
import { connectionLabel } from "../lib/sync-status.js";

/** The ⋮ menu: "Sync now" (emits `sync-now`) and what the register knows about its connection. */
@customElement("register-overflow-menu")
export class RegisterOverflowMenu extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        position: relative;
        display: inline-flex;
      }
      .panel {
        position: absolute;
        top: calc(100% + 8px);
        right: 0;
        z-index: 20;
        width: 320px;
        padding: 6px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius);
        background: var(--kasa-surface);
        box-shadow: var(--kasa-shadow-lg);
      }
      .item {
        display: flex;
        align-items: center;
        gap: 12px;
        width: 100%;
        min-height: 48px;
        padding: 0 12px;
        border: 0;
        border-radius: var(--kasa-radius-sm);
        background: transparent;
        font-size: 15px;
        font-weight: 600;
        text-align: left;
        cursor: pointer;
      }
      .item:hover,
      .item:focus-visible {
        background: var(--kasa-primary-soft);
        color: var(--kasa-primary-strong);
        outline: none;
      }
      .item svg {
        color: var(--kasa-primary);
      }
      .info {
        margin: 6px 0 0;
        padding: 10px 12px 6px;
        border-top: 1px solid var(--kasa-border);
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 6px 12px;
        font-size: 13px;
      }
      .info dt {
        color: var(--kasa-text-subtle);
      }
      .info dd {
        margin: 0;
        text-align: right;
        color: var(--kasa-text-muted);
        overflow-wrap: break-word;
      }
      .info dd.warn {
        color: var(--kasa-warn);
        font-weight: 600;
      }
      .info dd.danger {
        color: var(--kasa-danger);
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) paired: PairedRegister | undefined;
  @property({ attribute: false }) connection: RelayConnectionStatus = { state: "connecting" };
  @property({ type: Number }) unsynced = 0;
  @property({ attribute: false }) storagePersisted: boolean | undefined;
  @state() private open = false;

  readonly #outside = (e: Event) => {
    if (!e.composedPath().includes(this)) this.open = false;
  };
  readonly #escape = (e: KeyboardEvent) => {
    if (e.key === "Escape") this.open = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("pointerdown", this.#outside);
    document.addEventListener("keydown", this.#escape);
  }

  override disconnectedCallback(): void {
    document.removeEventListener("pointerdown", this.#outside);
    document.removeEventListener("keydown", this.#escape);
    super.disconnectedCallback();
  }

  protected override render() {
    const c = this.connection;
    return html`<button
        class="icon-btn outlined"
        data-testid="menu"
        aria-label="More"
        aria-haspopup="menu"
        aria-expanded=${this.open ? "true" : "false"}
        @click=${() => (this.open = !this.open)}
      >
        ${icons.more}
      </button>
      ${this.open
        ? html`<div class="panel" role="menu">
            <button class="item" role="menuitem" data-testid="menu-sync" @click=${this.#sync}>${icons.sync} Sync now</button>
            <dl class="info">
              <dt>Relay</dt>
              <dd class=${c.state === "refused" ? "danger" : c.state === "connected" ? "" : "warn"}>${connectionLabel(c.state)}</dd>
              <dt>Unsynced events</dt>
              <dd class=${this.unsynced > 0 ? "warn" : ""}>${this.unsynced}</dd>
              ${c.state === "refused" && c.lastRejection
                ? html`<dt>Refusal</dt>
                    <dd class="danger">${c.lastRejection.code} ${c.lastRejection.reason}</dd>`
                : nothing}
              ${c.state !== "connected" && c.state !== "refused" && c.lastError
                ? html`<dt>Last error</dt>
                    <dd>${c.lastError}</dd>`
                : nothing}
              <dt>Offline storage</dt>
              <dd class=${this.storagePersisted === false ? "warn" : ""}>
                ${this.storagePersisted === undefined ? "Checking…" : this.storagePersisted ? "Persistent" : "Not persistent"}
              </dd>
              ${this.paired
                ? html`<dt>Register</dt>
                    <dd>${this.paired.registerNumber} · ${this.paired.registerName}</dd>`
                : nothing}
            </dl>
          </div>`
        : nothing}`;
  }

  #sync(): void {
    this.open = false;
    this.dispatchEvent(new CustomEvent("sync-now", { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-overflow-menu": RegisterOverflowMenu;
  }
}
