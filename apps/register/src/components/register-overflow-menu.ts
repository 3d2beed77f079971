import { LitElement, css, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { PairedRegister, RelayConnectionStatus } from "@kasa/sync";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";
import { connectionLabel } from "../lib/sync-status.js";
import { activeLocale } from "../i18n/active-locale.js";
import { LOCALE_NAMES, UI_LOCALES, type UiLocale } from "../i18n/locale-choice.js";
import type { PaperWidth } from "../state/preferences.js";

/**
 * The ⋮ menu: "Sync now", the screens' language, the receipt paper width, and what the register
 * knows about its connection. Emits (bubbling) `sync-now`, `locale-change` (detail: locale) and
 * `paper-change` (detail: width).
 */
@localized()
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
      .item:disabled {
        cursor: not-allowed;
        color: var(--kasa-text-muted);
        background: transparent;
      }
      .item .stack {
        display: grid;
        gap: 2px;
        padding: 6px 0;
      }
      .item .blocked {
        font-size: 13px;
        font-weight: 600;
        color: var(--kasa-warn);
      }
      .confirm-signout {
        display: grid;
        gap: 8px;
        padding: 10px 12px;
        font-size: 14px;
      }
      .confirm-signout .row {
        display: flex;
        gap: 8px;
        justify-content: flex-end;
      }
      .btn.danger {
        background: var(--kasa-danger);
        border-color: var(--kasa-danger);
        color: #fff;
      }
      .setting {
        display: grid;
        gap: 6px;
        padding: 10px 12px 8px;
        border-top: 1px solid var(--kasa-border);
      }
      .setting .title {
        display: flex;
        align-items: center;
        gap: 8px;
        font-size: 13px;
        font-weight: 650;
        color: var(--kasa-text-muted);
      }
      .setting .title svg {
        width: 18px;
        height: 18px;
        color: var(--kasa-primary);
      }
      .segments {
        display: grid;
        grid-auto-flow: column;
        grid-auto-columns: 1fr;
        gap: 4px;
        padding: 3px;
        border-radius: 10px;
        background: var(--kasa-neutral-soft);
      }
      .segments button {
        min-height: 44px;
        border: 0;
        border-radius: 8px;
        background: transparent;
        color: var(--kasa-text-muted);
        font-size: 14px;
        font-weight: 650;
        cursor: pointer;
      }
      .segments button[aria-checked="true"] {
        background: var(--kasa-surface);
        color: var(--kasa-primary-strong);
        box-shadow: var(--kasa-shadow);
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
  @property({ attribute: false }) paper: PaperWidth = "80";
  @state() private open = false;
  @state() private confirmSignOut = false;

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
        aria-label=${msg("More")}
        aria-haspopup="menu"
        aria-expanded=${this.open ? "true" : "false"}
        @click=${() => (this.open = !this.open)}
      >
        ${icons.more}
      </button>
      ${this.open
        ? html`<div class="panel" role="menu">
            <button class="item" role="menuitem" data-testid="menu-sync" @click=${this.#sync}>${icons.sync} ${msg("Sync now")}</button>
            ${this.#newItemItem()}
            <div class="setting">
              <span class="title">${icons.language} ${msg("Language")}</span>
              <div class="segments" role="radiogroup" aria-label=${msg("Language")} data-testid="menu-language">
                ${UI_LOCALES.map(
                  (l) => html`<button role="radio" data-testid="lang-${l}" lang=${l} aria-checked=${activeLocale() === l ? "true" : "false"} @click=${() => this.#locale(l)}>
                    ${LOCALE_NAMES[l]}
                  </button>`,
                )}
              </div>
            </div>
            <div class="setting">
              <span class="title">${icons.print} ${msg("Receipt paper")}</span>
              <div class="segments" role="radiogroup" aria-label=${msg("Receipt paper")}>
                ${(["58", "80"] as const).map(
                  (w) => html`<button role="radio" data-testid="paper-${w}" aria-checked=${this.paper === w ? "true" : "false"} @click=${() => this.#paper(w)}>${w} mm</button>`,
                )}
              </div>
            </div>
            ${this.#signOutItem()}
            <dl class="info">
              <dt>${msg("Relay")}</dt>
              <dd class=${c.state === "refused" ? "danger" : c.state === "connected" ? "" : "warn"}>${connectionLabel(c.state)}</dd>
              <dt>${msg("Unsynced events")}</dt>
              <dd class=${this.unsynced > 0 ? "warn" : ""}>${this.unsynced}</dd>
              ${c.state === "refused" && c.lastRejection
                ? html`<dt>${msg("Refusal")}</dt>
                    <dd class="danger">${c.lastRejection.code} ${c.lastRejection.reason}</dd>`
                : nothing}
              ${c.state !== "connected" && c.state !== "refused" && c.lastError
                ? html`<dt>${msg("Last error")}</dt>
                    <dd>${c.lastError}</dd>`
                : nothing}
              <dt>${msg("Offline storage")}</dt>
              <dd class=${this.storagePersisted === false ? "warn" : ""}>
                ${this.storagePersisted === undefined ? msg("Checking…") : this.storagePersisted ? msg("Persistent") : msg("Not persistent")}
              </dd>
              ${this.paired
                ? html`<dt>${msg("Register")}</dt>
                    <dd>${this.paired.registerNumber} · ${this.paired.registerName}</dd>`
                : nothing}
            </dl>
          </div>`
        : nothing}`;
  }

  /** New item (DESIGN O12): created through the relay, so offline it is disabled and says why. */
  #newItemItem() {
    if (this.connection.state !== "connected") {
      return html`<button class="item" role="menuitem" data-testid="menu-new-item" disabled aria-disabled="true">
        ${icons.plus}
        <span class="stack">${msg("New item")}<small class="blocked" data-testid="menu-new-item-reason">${msg("Creating items needs a connection")}</small></span>
      </button>`;
    }
    return html`<button
      class="item"
      role="menuitem"
      data-testid="menu-new-item"
      @click=${() => {
        this.open = false;
        this.dispatchEvent(new CustomEvent("new-item", { bubbles: true, composed: true }));
      }}
    >
      ${icons.plus} ${msg("New item")}
    </button>`;
  }

  /** Sign out / unpair (DESIGN O3): blocked, with the count, while anything is unsynced; then asks once more. */
  #signOutItem() {
    if (this.unsynced > 0) {
      return html`<button class="item" role="menuitem" data-testid="menu-signout" disabled aria-disabled="true">
        ${icons.lock}
        <span class="stack"
          >${msg("Sign out / unpair")}<small class="blocked" data-testid="signout-blocked">${msg(str`Blocked: ${this.unsynced} unsynced — sync first`)}</small></span
        >
      </button>`;
    }
    if (this.confirmSignOut) {
      return html`<div class="confirm-signout">
        <span>${msg("Delete this register's data from this device and return to pairing?")}</span>
        <div class="row">
          <button class="btn" @click=${() => (this.confirmSignOut = false)}>${msg("Cancel")}</button>
          <button class="btn danger" data-testid="menu-signout-confirm" @click=${this.#signOut}>${msg("Sign out")}</button>
        </div>
      </div>`;
    }
    return html`<button class="item" role="menuitem" data-testid="menu-signout" @click=${() => (this.confirmSignOut = true)}>${icons.lock} ${msg("Sign out / unpair")}</button>`;
  }

  #signOut(): void {
    this.open = false;
    this.confirmSignOut = false;
    this.dispatchEvent(new CustomEvent("sign-out", { bubbles: true, composed: true }));
  }

  #locale(locale: UiLocale): void {
    this.dispatchEvent(new CustomEvent("locale-change", { detail: locale, bubbles: true, composed: true }));
  }

  #paper(width: PaperWidth): void {
    this.dispatchEvent(new CustomEvent("paper-change", { detail: width, bubbles: true, composed: true }));
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
