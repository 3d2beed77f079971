import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { customElement, state } from "lit/decorators.js";
import { api, asApiError, type ApiError, type StoreRef } from "./api.js";
import { base } from "./styles.js";
import { icons, logoMark } from "./icons.js";
import { LiveStream, type LiveState } from "./live-stream.js";
import { parseRoute, routeHash, routeHref, type NavigateEvent, type Route } from "./router.js";
import type { SignedInEvent } from "./bo-sign-in.js";
import type { StoreChangeEvent } from "./bo-top-bar.js";
import "./bo-sign-in.js";
import "./bo-sidebar.js";
import "./bo-top-bar.js";
import "./bo-receipts-page.js";
import "./bo-devices-page.js";
import "./bo-dashboard-page.js";
import "./bo-sales-page.js";
import "./bo-history-page.js";
import "./bo-shifts-page.js";
import "./bo-outbox-page.js";
import "./bo-settings-page.js";
import "./bo-items-page.js";
import "./bo-customers-page.js";
import "./bo-catalog-list-page.js";
import "./bo-ticket-names-page.js";
import { t } from "./strings.js";
import "./bo-state-message.js";

type Phase = "checking" | "signed-out" | "signed-in" | "unreachable";

const STORE_KEY = "kasa.backOffice.storeId";
const PAGE_TITLES: Record<Route["page"], string> = {
  receipts: t.nav.liveReceipts,
  devices: t.nav.devices,
  dashboard: t.nav.dashboard,
  sales: t.nav.sales,
  history: t.nav.history,
  shifts: t.nav.shifts,
  outbox: t.nav.outbox,
  settings: t.nav.settings,
  items: t.items.title,
  customers: t.nav.customers,
  categories: t.catalog.categories.title,
  taxes: t.catalog.taxes.title,
  discounts: t.catalog.discounts.title,
  "payment-types": t.catalog.paymentTypes.title,
  "ticket-names": t.catalog.ticketNames.title,
};

/** The back office: session, routing, the store being looked at and its live stream. */
@customElement("bo-app")
export class BoApp extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      .layout {
        display: flex;
        align-items: flex-start;
        min-height: 100vh;
      }
      .main {
        flex: 1;
        min-width: 0;
      }
      .content {
        padding: 28px 32px 56px;
        max-width: 1180px;
      }
      .scrim {
        display: none;
      }
      .center {
        display: grid;
        place-items: center;
        min-height: 100vh;
        padding: 24px;
      }
      .boot {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 14px;
        color: var(--bo-text-3);
      }
      .boot .logo-mark {
        width: 40px;
        height: 40px;
      }
      .center .card {
        max-width: 520px;
        width: 100%;
      }
      .card-brand {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 16px 20px;
        border-bottom: 1px solid var(--bo-border);
        font-weight: 650;
        letter-spacing: -0.02em;
      }
      .card-brand .logo-mark {
        width: 24px;
        height: 24px;
      }
      .card-brand small {
        font-weight: 500;
        color: var(--bo-text-3);
        letter-spacing: 0;
      }
      @media (max-width: 900px) {
        .content {
          padding: 20px 16px 40px;
        }
        .scrim {
          display: block;
          position: fixed;
          inset: 0;
          z-index: 25;
          background: rgba(17, 24, 39, 0.35);
          opacity: 0;
          pointer-events: none;
          transition: opacity 0.2s;
        }
        .scrim.open {
          opacity: 1;
          pointer-events: auto;
        }
      }
    `,
  ];

  @state() private phase: Phase = "checking";
  @state() private stores: StoreRef[] = [];
  @state() private storeId = "";
  @state() private route: Route = parseRoute(location.hash);
  @state() private live: LiveStream | undefined;
  @state() private liveState: LiveState = "connecting";
  @state() private navOpen = false;
  @state() private notice = "";
  @state() private bootError: ApiError | undefined;

  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private liveOff: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener("popstate", this.onPopState);
    addEventListener("hashchange", this.onPopState);
    this.addEventListener("bo-navigate", this.onNavigate);
    this.addEventListener("bo-session-expired", this.onSessionExpired);
    this.addEventListener("bo-open-nav", () => (this.navOpen = true));
    this.addEventListener("bo-close-nav", () => (this.navOpen = false));
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("popstate", this.onPopState);
    removeEventListener("hashchange", this.onPopState);
    clearTimeout(this.retryTimer);
    this.stopLive();
  }

  private async checkSession(): Promise<void> {
    clearTimeout(this.retryTimer);
    try {
      const { stores } = await api.me();
      this.enter(stores);
    } catch (err) {
      const e = asApiError(err);
      if (e.unauthenticated) {
        this.phase = "signed-out";
      } else {
        this.bootError = e;
        this.phase = "unreachable";
        this.retryTimer = setTimeout(() => void this.checkSession(), 5_000);
      }
    }
  }

  private enter(stores: StoreRef[]): void {
    this.stores = stores;
    this.notice = "";
    this.phase = "signed-in";
    const saved = localStorage.getItem(STORE_KEY);
    this.selectStore(stores.find((s) => s.storeId === saved)?.storeId ?? stores[0]?.storeId ?? "");
  }

  private selectStore(storeId: string): void {
    if (storeId === this.storeId && this.live) return;
    this.storeId = storeId;
    if (storeId) localStorage.setItem(STORE_KEY, storeId);
    this.startLive();
  }

  private startLive(): void {
    this.stopLive();
    if (!this.storeId) return;
    const live = new LiveStream(this.storeId);
    this.liveOff = [
      live.on("state", (e) => (this.liveState = e.detail)),
      // The relay refused the stream: if the session is gone, go back to sign-in.
      live.on("dropped", () => {
        api.me().catch((err: unknown) => {
          if (asApiError(err).unauthenticated) this.sessionEnded();
        });
      }),
    ];
    this.liveState = live.state;
    this.live = live;
    live.start();
  }

  private stopLive(): void {
    for (const off of this.liveOff) off();
    this.liveOff = [];
    this.live?.stop();
    this.live = undefined;
    this.liveState = "connecting";
  }

  private sessionEnded(): void {
    this.stopLive();
    this.storeId = "";
    this.phase = "signed-out";
    this.notice = "Your session has ended. Sign in again to continue.";
  }

  private onPopState = (): void => {
    this.route = parseRoute(location.hash);
    this.navOpen = false;
  };

  private onNavigate = (e: NavigateEvent): void => {
    this.go(e.route);
  };

  private go(route: Route): void {
    if (location.hash !== routeHash(route)) history.pushState(null, "", routeHref(route));
    const pageChanged = route.page !== this.route.page;
    this.route = route;
    this.navOpen = false;
    if (pageChanged) scrollTo({ top: 0 });
  }

  private onSessionExpired = (): void => this.sessionEnded();

  private onSignedIn = (e: SignedInEvent): void => {
    this.enter(e.stores);
  };

  private onStoreChange = (e: StoreChangeEvent): void => {
    this.selectStore(e.storeId);
    if (this.route.page === "receipts" && this.route.eventId) this.go({ page: "receipts" });
  };

  private signOut = async (): Promise<void> => {
    this.stopLive();
    try {
      await api.signOut();
    } catch {
      // Signed out locally either way; the cookie expires on its own.
    }
    this.storeId = "";
    this.notice = "";
    this.phase = "signed-out";
  };

  protected override updated(): void {
    const store = this.stores.find((s) => s.storeId === this.storeId);
    document.title =
      this.phase === "signed-in" ? `${PAGE_TITLES[this.route.page]}${store ? ` · ${store.name}` : ""} · Kasa` : "Sign in · Kasa back office";
  }

  override render(): TemplateResult {
    switch (this.phase) {
      case "checking":
        return html`<div class="center"><div class="boot">${logoMark}<span class="spinner"></span></div></div>`;
      case "unreachable":
        return this.renderUnreachable();
      case "signed-out":
        return html`<bo-sign-in .notice=${this.notice} @bo-signed-in=${this.onSignedIn}></bo-sign-in>`;
      case "signed-in":
        return this.renderDashboard();
    }
  }

  private renderUnreachable(): TemplateResult {
    const e = this.bootError;
    return html`<div class="center">
      <div class="card">
        <div class="card-brand">${logoMark}<span>Kasa</span><small>${t.nav.backOffice}</small></div>
        <bo-state-message
          tone="error"
          icon="cloudOff"
          heading=${t.live.unreachableHeading}
          text=${t.live.appUnreachableText}
          code=${e?.code ?? ""}
        >
          <button class="btn primary" @click=${() => this.checkSession()}>${icons.refresh}${t.live.retry}</button>
        </bo-state-message>
      </div>
    </div>`;
  }

  private renderDashboard(): TemplateResult {
    const store = this.stores.find((s) => s.storeId === this.storeId);
    return html`<div class="layout">
      <bo-sidebar .storeName=${store?.name ?? ""} .page=${this.route.page} ?open=${this.navOpen}></bo-sidebar>
      <div class="scrim ${this.navOpen ? "open" : ""}" @click=${() => (this.navOpen = false)}></div>
      <div class="main">
        <bo-top-bar
          .stores=${this.stores}
          .storeId=${this.storeId}
          .pageTitle=${PAGE_TITLES[this.route.page]}
          .liveState=${this.liveState}
          @bo-store-change=${this.onStoreChange}
          @bo-sign-out=${this.signOut}
        ></bo-top-bar>
        <main class="content">${store ? this.renderPage(store) : this.renderNoStore()}</main>
      </div>
    </div>`;
  }

  private renderPage(store: StoreRef): TemplateResult {
    switch (this.route.page) {
      case "receipts":
        return html`<bo-receipts-page .storeId=${store.storeId} .live=${this.live} .selectedId=${this.route.eventId}></bo-receipts-page>`;
      case "devices":
        return html`<bo-devices-page .storeId=${store.storeId} .live=${this.live}></bo-devices-page>`;
      case "dashboard":
        return html`<bo-dashboard-page .storeId=${store.storeId} .live=${this.live}></bo-dashboard-page>`;
      case "sales":
        return html`<bo-sales-page .storeId=${store.storeId} .tab=${this.route.tab ?? "items"}></bo-sales-page>`;
      case "history":
        return html`<bo-history-page .storeId=${store.storeId}></bo-history-page>`;
      case "shifts":
        return html`<bo-shifts-page .storeId=${store.storeId}></bo-shifts-page>`;
      case "outbox":
        return html`<bo-outbox-page .storeId=${store.storeId}></bo-outbox-page>`;
      case "settings":
        return html`<bo-settings-page .storeId=${store.storeId}></bo-settings-page>`;
      case "items":
        return html`<bo-items-page .storeId=${store.storeId}></bo-items-page>`;
      case "customers":
        return html`<bo-customers-page .storeId=${store.storeId} .customerId=${this.route.customerId}></bo-customers-page>`;
      case "categories":
      case "taxes":
      case "discounts":
        return html`<bo-catalog-list-page .storeId=${store.storeId} .kind=${this.route.page}></bo-catalog-list-page>`;
      case "payment-types":
        return html`<bo-catalog-list-page .storeId=${store.storeId} .kind=${"paymentTypes"}></bo-catalog-list-page>`;
      case "ticket-names":
        return html`<bo-ticket-names-page .storeId=${store.storeId}></bo-ticket-names-page>`;
    }
  }

  private renderNoStore(): TemplateResult {
    return html`<div class="card">
      <bo-state-message icon="store" heading=${t.live.noStoreHeading} text=${t.live.noStoreText}
        >${nothing}</bo-state-message
      >
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-app": BoApp;
  }
}
