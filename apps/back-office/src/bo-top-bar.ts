import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { customElement, property } from "lit/decorators.js";
import { base } from "./styles.js";
import { icons, logoMark } from "./icons.js";
import type { StoreRef } from "./api.js";
import type { LiveState } from "./live-stream.js";
import "./bo-live-indicator.js";
import { t } from "./strings.js";

export class StoreChangeEvent extends Event {
  constructor(readonly storeId: string) {
    super("bo-store-change", { bubbles: true, composed: true });
  }
}

/** Top bar: menu button (narrow screens), store switcher when there are several stores, live status, sign out. */
@customElement("bo-top-bar")
export class BoTopBar extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        position: sticky;
        top: 0;
        z-index: 20;
        background: rgba(255, 255, 255, 0.88);
        backdrop-filter: saturate(1.4) blur(8px);
        border-bottom: 1px solid var(--bo-border);
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 12px;
        height: 60px;
        padding: 0 28px;
      }
      .menu,
      .mobile-brand {
        display: none;
      }
      .title {
        font-weight: 600;
        color: var(--bo-text-2);
        font-size: 14px;
        display: flex;
        align-items: center;
        gap: 6px;
        min-width: 0;
      }
      .title .sep {
        color: var(--bo-text-4);
      }
      .title .store {
        color: var(--bo-text-3);
        font-weight: 500;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .spacer {
        flex: 1;
      }
      .switcher {
        position: relative;
        display: inline-flex;
        align-items: center;
      }
      .switcher .adorn {
        display: flex;
        position: absolute;
        pointer-events: none;
        color: var(--bo-text-3);
      }
      .switcher .lead {
        left: 10px;
      }
      .switcher .chev {
        right: 9px;
      }
      select {
        appearance: none;
        height: 34px;
        padding: 0 30px 0 32px;
        border: 1px solid var(--bo-border-strong);
        border-radius: var(--bo-radius);
        background: var(--bo-surface);
        font: inherit;
        font-weight: 500;
        color: var(--bo-text);
        box-shadow: var(--bo-shadow-sm);
        cursor: pointer;
        max-width: 220px;
      }
      .divider {
        width: 1px;
        height: 22px;
        background: var(--bo-border);
      }
      @media (max-width: 900px) {
        .bar {
          padding: 0 12px 0 8px;
          gap: 8px;
        }
        .menu {
          display: inline-flex;
        }
        .mobile-brand {
          display: inline-flex;
          align-items: center;
          gap: 8px;
          font-weight: 650;
          letter-spacing: -0.02em;
        }
        .logo-mark {
          width: 24px;
          height: 24px;
        }
        .title,
        .divider {
          display: none;
        }
        .signout-label {
          display: none;
        }
        .signout {
          width: 36px;
          padding: 0;
        }
        select {
          max-width: 130px;
        }
      }
    `,
  ];

  @property({ attribute: false }) stores: readonly StoreRef[] = [];
  @property() storeId = "";
  @property() pageTitle = "";
  @property() liveState: LiveState = "connecting";

  private emit(type: string): void {
    this.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
  }

  override render(): TemplateResult {
    const store = this.stores.find((s) => s.storeId === this.storeId);
    return html`<div class="bar">
      <button class="btn ghost icon-only menu" aria-label="Open menu" @click=${() => this.emit("bo-open-nav")}>${icons.menu}</button>
      <span class="mobile-brand">${logoMark}Kasa</span>
      <div class="title">
        ${store && this.stores.length === 1 ? html`<span class="store">${store.name}</span><span class="sep">/</span>` : nothing}<span
          >${this.pageTitle}</span
        >
      </div>
      <div class="spacer"></div>
      ${this.stores.length > 1
        ? html`<label class="switcher">
            <span class="visually-hidden">Store</span>
            <span class="adorn lead">${icons.store}</span>
            <select data-testid="store-switcher" @change=${(e: Event) => this.dispatchEvent(new StoreChangeEvent((e.target as HTMLSelectElement).value))}>
              ${this.stores.map((s) => html`<option value=${s.storeId} ?selected=${s.storeId === this.storeId}>${s.name}</option>`)}
            </select>
            <span class="adorn chev">${icons.chevronDown}</span>
          </label>`
        : nothing}
      <bo-live-indicator .state=${this.liveState}></bo-live-indicator>
      <span class="divider"></span>
      <button class="btn ghost signout" data-testid="sign-out" title=${t.nav.signOut} @click=${() => this.emit("bo-sign-out")}>
        ${icons.logOut}<span class="signout-label">${t.nav.signOut}</span>
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-top-bar": BoTopBar;
  }
  interface HTMLElementEventMap {
    "bo-store-change": StoreChangeEvent;
  }
}
