import { LitElement, css, html, type TemplateResult } from "lit";
import { customElement, property } from "lit/decorators.js";
import { base } from "./styles.js";
import { icons, logoMark } from "./icons.js";
import { navigateOnClick, routeHref, type Route } from "./router.js";
import { t } from "./strings.js";

interface NavEntry {
  readonly page: Route["page"];
  readonly label: string;
  readonly icon: keyof typeof icons;
  readonly testId: string;
  readonly section: string;
}

/** Only pages that exist are listed: no placeholders. */
const NAV: readonly NavEntry[] = [
  { page: "dashboard", label: t.nav.dashboard, icon: "chart", testId: "nav-dashboard", section: t.nav.salesSection },
  { page: "receipts", label: t.nav.liveReceipts, icon: "receipt", testId: "nav-receipts", section: t.nav.salesSection },
  { page: "sales", label: t.nav.sales, icon: "list", testId: "nav-sales", section: t.nav.salesSection },
  { page: "history", label: t.nav.history, icon: "search", testId: "nav-history", section: t.nav.salesSection },
  { page: "shifts", label: t.nav.shifts, icon: "cash", testId: "nav-shifts", section: t.nav.salesSection },
  { page: "outbox", label: t.nav.outbox, icon: "mail", testId: "nav-outbox", section: t.nav.salesSection },
  { page: "items", label: t.items.title, icon: "list", testId: "nav-items", section: t.catalog.section },
  { page: "categories", label: t.catalog.categories.title, icon: "tag", testId: "nav-categories", section: t.catalog.section },
  { page: "taxes", label: t.catalog.taxes.title, icon: "landmark", testId: "nav-taxes", section: t.catalog.section },
  { page: "discounts", label: t.catalog.discounts.title, icon: "percent", testId: "nav-discounts", section: t.catalog.section },
  { page: "payment-types", label: t.catalog.paymentTypes.title, icon: "card", testId: "nav-payment-types", section: t.catalog.section },
  { page: "ticket-names", label: t.catalog.ticketNames.title, icon: "ticket", testId: "nav-ticket-names", section: t.catalog.section },
  { page: "customers", label: t.nav.customers, icon: "users", testId: "nav-customers", section: t.nav.customers },
  { page: "devices", label: t.nav.devices, icon: "tablet", testId: "nav-devices", section: t.nav.settingsSection },
  { page: "settings", label: t.nav.settings, icon: "store", testId: "nav-settings", section: t.nav.settingsSection },
];

const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");

/** Left navigation: brand, current store, pages. Off-canvas on narrow screens (`open` shows it). */
@customElement("bo-sidebar")
export class BoSidebar extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        width: 240px;
        height: 100vh;
        height: 100dvh;
        position: sticky;
        top: 0;
        background: #fbfbfc;
        border-right: 1px solid var(--bo-border);
        z-index: 30;
        /* Many pages: the list scrolls instead of squeezing the brand and store card. */
        overflow-y: auto;
        overscroll-behavior: contain;
      }
      .brand,
      .store,
      nav {
        flex: none;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 10px;
        height: 60px;
        padding: 0 20px;
        font-weight: 650;
        font-size: 16px;
        letter-spacing: -0.02em;
      }
      .brand small {
        color: var(--bo-text-3);
        font-weight: 500;
        font-size: 13px;
        letter-spacing: 0;
      }
      .logo-mark {
        width: 28px;
        height: 28px;
      }
      .close {
        margin-left: auto;
        display: none;
      }
      .store {
        display: flex;
        align-items: center;
        gap: 10px;
        margin: 4px 12px 16px;
        padding: 10px;
        border-radius: var(--bo-radius);
        border: 1px solid var(--bo-border);
        background: var(--bo-surface);
        box-shadow: var(--bo-shadow-sm);
      }
      .avatar {
        display: grid;
        place-items: center;
        width: 30px;
        height: 30px;
        border-radius: 7px;
        background: var(--bo-primary-soft);
        color: var(--bo-primary);
        font-size: 12px;
        font-weight: 650;
        box-shadow: inset 0 0 0 1px var(--bo-primary-soft-2);
        flex: none;
      }
      .store-text {
        min-width: 0;
      }
      .store-label {
        font-size: 11.5px;
        color: var(--bo-text-3);
      }
      .store-name {
        font-weight: 600;
        font-size: 13.5px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      nav {
        display: flex;
        flex-direction: column;
        gap: 2px;
        padding: 0 12px;
      }
      .section {
        padding: 12px 10px 4px;
        font-size: 11.5px;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--bo-text-4);
      }
      nav a {
        display: flex;
        align-items: center;
        gap: 10px;
        height: 34px;
        padding: 0 10px;
        border-radius: var(--bo-radius);
        color: var(--bo-text-2);
        text-decoration: none;
        font-weight: 500;
      }
      nav a .icon {
        font-size: 17px;
        color: var(--bo-text-3);
      }
      nav a:hover {
        background: rgba(17, 24, 39, 0.045);
        color: var(--bo-text);
      }
      nav a[aria-current="page"] {
        background: var(--bo-primary-soft);
        color: var(--bo-primary);
        box-shadow: inset 0 0 0 1px var(--bo-primary-soft-2);
      }
      nav a[aria-current="page"] .icon {
        color: var(--bo-primary);
      }
      .foot {
        margin-top: auto;
        padding: 16px 20px;
        font-size: 12px;
        color: var(--bo-text-4);
        line-height: 1.5;
      }
      @media (max-width: 900px) {
        :host {
          position: fixed;
          left: 0;
          top: 0;
          width: 272px;
          transform: translateX(-100%);
          transition: transform 0.2s ease;
          box-shadow: none;
          background: var(--bo-surface);
        }
        :host([open]) {
          transform: none;
          box-shadow: var(--bo-shadow-lg);
        }
        .close {
          display: inline-flex;
        }
      }
    `,
  ];

  @property() storeName = "";
  @property() page: Route["page"] = "receipts";
  @property({ type: Boolean, reflect: true }) open = false;

  private close(): void {
    this.dispatchEvent(new Event("bo-close-nav", { bubbles: true, composed: true }));
  }

  override render(): TemplateResult {
    return html`
      <div class="brand">
        ${logoMark}<span>Kasa</span><small>${t.nav.backOffice}</small>
        <button class="btn ghost icon-only close" aria-label="Close menu" @click=${this.close}>${icons.x}</button>
      </div>
      <div class="store" title=${this.storeName}>
        <div class="avatar">${initials(this.storeName) || icons.store}</div>
        <div class="store-text">
          <div class="store-label">${t.nav.store}</div>
          <div class="store-name">${this.storeName}</div>
        </div>
      </div>
      <nav aria-label="Main">
        ${NAV.map((n, i) => {
          const route: Route = { page: n.page };
          return html`${NAV[i - 1]?.section !== n.section ? html`<div class="section">${n.section}</div>` : ""}<a
            href=${routeHref(route)}
            data-testid=${n.testId}
            aria-current=${this.page === n.page ? "page" : "false"}
            @click=${(e: MouseEvent) => navigateOnClick(e, route)}
            >${icons[n.icon]}${n.label}</a
          >`;
        })}
      </nav>
      <div class="foot">${t.nav.foot}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-sidebar": BoSidebar;
  }
}
