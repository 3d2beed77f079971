import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import { RelayApi, type RegisterSession, type RegisterSnapshot, type RelayApiFailure } from "@kasa/sync";
import { BootController, type BootState } from "../controllers/boot-controller.js";
import { ObserveController } from "../controllers/observe-controller.js";
import { errorText } from "../i18n/errors.js";
import { useLocale, type UiLocale } from "../i18n/localization.js";
import { Formatters, registerLabel, withStoreName } from "../lib/format.js";
import { pageRule, PRINTABLE_MM, setPageRule } from "../lib/print.js";
import type { PrintJob } from "../lib/print-job.js";
import { connectionLabel, syncNowMessage } from "../lib/sync-status.js";
import { paymentMethods, type PaymentMethod } from "../payments/payment-methods.js";
import { browserTerminal } from "../payments/simulated-terminal.js";
import { CheckoutModel } from "../state/checkout.js";
import { returnPoints } from "../state/points-redemption.js";
import { ItemCreationAttempt, type NewItemRequest } from "../state/new-item.js";
import { PreferencesModel, type PaperWidth } from "../state/preferences.js";
import { ShiftsModel } from "../state/shifts.js";
import { TicketModel } from "../state/ticket.js";
import { ToastModel } from "../state/toasts.js";
import { shared } from "../styles/shared.js";
import { tokens } from "../styles/tokens.js";
import { icons } from "../icons.js";
import type { RegisterView } from "./register-top-bar.js";
import "./register-new-item-dialog.js";
import "./register-notice-screen.js";
import "./register-pairing-screen.js";
import "./register-receipt-paper.js";
import "./register-receipts-screen.js";
import "./register-shift-report.js";
import "./register-shift-screen.js";
import "./register-till.js";
import "./register-tickets-screen.js";
import "./register-toast.js";
import "./register-top-bar.js";

/**
 * The register app: start-up (lock, pairing, opening the session), then the till, the receipts
 * and the shift under one top bar. Owns the state that must survive switching screens (ticket,
 * checkout, shifts, toasts, preferences) and printing: a Print button sends a job here, which is
 * laid out on the page's print area, sized for the receipt roll, and handed to window.print().
 */
@localized()
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
      /* Laid out (to be measured) but never seen on screen. */
      .print-area {
        position: fixed;
        left: -10000px;
        top: 0;
        visibility: hidden;
        background: #fff;
      }
      @media print {
        :host {
          background: #fff;
        }
        :host([printing]) .shell,
        :host([printing]) register-toast {
          display: none;
        }
        .print-area {
          position: static;
          visibility: visible;
        }
      }
    `,
  ];

  readonly #toasts = new ToastModel();
  readonly #ticket = new TicketModel();
  readonly #checkout = new CheckoutModel({ terminal: browserTerminal() });
  readonly #shifts = new ShiftsModel();
  readonly #preferences = new PreferencesModel(safeStorage());
  readonly #boot = new BootController(this, this.#toasts);

  constructor() {
    super();
    new ObserveController(this, () => this.#session);
    new ObserveController(this, () => this.#preferences);
    this.addEventListener("print-request", (e) => void this.#print((e as CustomEvent<PrintJob>).detail));
    this.addEventListener("locale-change", (e) => void useLocale((e as CustomEvent<UiLocale>).detail));
    this.addEventListener("paper-change", (e) => this.#preferences.setPaper((e as CustomEvent<PaperWidth>).detail));
    this.addEventListener("open-shift", () => (this.view = "shift"));
    this.addEventListener("sign-out", () => void this.#signOut());
    this.addEventListener("new-item", () => (this.newItem = {}));
    // Redeemed points the till ticket gave up go back to the customer (relay RL52).
    this.#ticket.onPointsAbandoned = (redemption) => void this.#returnPoints(redemption);
    window.addEventListener("afterprint", () => (this.printJob = undefined));
  }

  @state() private view: RegisterView = "till";
  @state() private printJob: PrintJob | undefined;
  /** The New item dialog (O12), while open. */
  @state() private newItem: { readonly busy?: boolean; readonly error?: RelayApiFailure } | undefined;
  readonly #itemAttempt = new ItemCreationAttempt();
  #formatters: Formatters | undefined;
  #formattersKey = "";
  #methods: readonly PaymentMethod[] = [];
  #methodsOf: unknown;

  get #session(): RegisterSession | undefined {
    const s = this.#boot.state;
    return s.kind === "ready" ? s.session : undefined;
  }

  protected override willUpdate(_changed: PropertyValues): void {
    const session = this.#session;
    this.#shifts.attach(session);
    if (!session) return;
    const { currency, locale, timeZone } = session.snapshot.store.settings;
    const key = `${currency}|${locale}|${timeZone}`;
    if (key !== this.#formattersKey) {
      this.#formatters = new Formatters({ currency, locale, timeZone });
      this.#formattersKey = key;
    }
    const catalog = session.snapshot.store.catalog;
    if (catalog !== this.#methodsOf) {
      this.#methods = paymentMethods(catalog);
      this.#methodsOf = catalog;
    }
    this.toggleAttribute("printing", this.printJob !== undefined);
  }

  protected override render() {
    return html`${this.#screen(this.#boot.state)}<register-toast .toasts=${this.#toasts}></register-toast>${this.#printArea()}`;
  }

  #screen(s: BootState) {
    switch (s.kind) {
      case "starting":
        return html`<register-notice-screen busy heading=${msg("Starting Kasa…")}></register-notice-screen>`;
      case "blocked":
        return html`<register-notice-screen
          testid="lock-blocked"
          tone="warn"
          heading=${msg("This register is already open in another tab or window")}
          message=${msg("Only one tab can sell at a time, so that two tabs never issue the same receipt number. Close the other tab, or switch to it.")}
          action=${msg("Try again")}
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
          heading=${msg(str`Opening register ${s.paired.registerNumber}…`)}
          message=${s.connection.state === "connected"
            ? msg("Loading the store's catalog.")
            : msg("Loading the store from this device. Receipts and sales work offline once the catalog is here.")}
          status=${msg(str`Relay: ${connectionLabel(s.connection.state)}`)}
        ></register-notice-screen>`;
      case "failed":
        return html`<register-notice-screen
          testid="open-failed"
          tone="danger"
          heading=${msg("The register could not open")}
          .code=${s.error.code}
          message=${errorText(s.error)}
          status=${msg(str`Relay: ${connectionLabel(s.connection.state)}`)}
          action=${msg("Try again")}
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
        .paired=${withStoreName(session.paired, snapshot.store.registers)}
        .storeName=${snapshot.store.settings.name}
        .connection=${snapshot.connection}
        .unsynced=${snapshot.unsyncedCount}
        .view=${this.view}
        .storagePersisted=${this.#boot.storagePersisted}
        .lockUnsupported=${this.#boot.lockUnsupported}
        .shiftOpen=${snapshot.shift ? true : snapshot.shiftsRequired ? false : undefined}
        .openTickets=${snapshot.store.ticketsDocUrl === undefined ? undefined : snapshot.tickets.length}
        .ticketsFlagged=${snapshot.ticketsChargedTwice.length}
        .clockSkewMs=${snapshot.clockSkewMs}
        .damagedJournals=${snapshot.damagedJournals}
        .paper=${this.#preferences.paper}
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
          .toasts=${this.#toasts}
          .methods=${this.#methods}
        ></register-till>
        ${this.view === "tickets"
          ? html`<register-tickets-screen
              .snapshot=${snapshot}
              .formatters=${formatters}
              .editingId=${this.#ticket.openTicket?.id}
              @ticket-open=${(e: CustomEvent<TicketView>) => this.#openTicket(e.detail, false)}
              @ticket-charge=${(e: CustomEvent<TicketView>) => this.#openTicket(e.detail, true)}
              @ticket-delete=${(e: CustomEvent<string>) => void this.#deleteTicket(session, e.detail)}
            ></register-tickets-screen>`
          : nothing}
        ${this.view === "receipts"
          ? html`<register-receipts-screen
              .snapshot=${snapshot}
              .formatters=${formatters}
              .paired=${session.paired}
              .session=${session}
              .toasts=${this.#toasts}
            ></register-receipts-screen>`
          : nothing}
        ${this.view === "shift"
          ? html`<register-shift-screen .snapshot=${snapshot} .shifts=${this.#shifts} .formatters=${formatters} .paired=${session.paired}></register-shift-screen>`
          : nothing}
      </main>
      ${this.newItem
        ? html`<register-new-item-dialog
            .catalog=${snapshot.store.catalog}
            .formatters=${formatters}
            ?online=${snapshot.connection.state === "connected"}
            ?busy=${this.newItem.busy === true}
            .error=${this.newItem.error}
            @item-create=${(e: CustomEvent<NewItemRequest>) => void this.#createItem(session, e.detail)}
            @item-cancel=${() => (this.newItem = undefined)}
          ></register-new-item-dialog>`
        : nothing}
    </div>`;
  }

  /**
   * Loads an open ticket onto the till (Open), or loads it and goes straight to the charge screen
   * (Charge: the sale then carries the ticket id, which takes it off every register's list).
   */
  #openTicket(t: TicketView, charge: boolean): void {
    const ticket = this.#ticket;
    const checkout = this.#checkout;
    const f = this.#formatters;
    const session = this.#session;
    if (!f || !session) return;
    if (checkout.phase !== "ticket" && checkout.phase !== "done") {
      this.#toasts.show(msg("Finish the sale on the till first"), { tone: "warn" });
      return;
    }
    if (checkout.phase === "done") checkout.newSale();
    if (!ticket.isEmpty && ticket.openTicket?.id !== t.id) {
      this.#toasts.show(msg("Save or clear the ticket on the till first"), { tone: "warn", detail: msg("Opening this ticket would replace it.") });
      return;
    }
    ticket.loadSaved({ id: t.id, name: t.name, comment: t.comment }, t);
    this.view = "till";
    if (charge) {
      const priced = ticket.priced(session.snapshot.store.catalog, { allowTaxToggle: session.snapshot.store.settings.allowTaxToggle === true });
      if (priced.ok) checkout.startCharge(priced.value.total, f.currency, f.locale);
    }
  }

  async #deleteTicket(session: RegisterSession, id: string): Promise<void> {
    // A deleted ticket will never be charged: points redeemed for it go back (relay RL52).
    const redeemed = session.snapshot.tickets.find((t) => t.id === id)?.pointsRedeemed;
    const result = await session.deleteTicket(id);
    if (!result.ok) {
      this.#toasts.show(errorText(result.error), { tone: "warn", detail: result.error.code });
      return;
    }
    if (this.#ticket.openTicket?.id === id) this.#ticket.clear();
    this.#toasts.show(msg("Ticket deleted"), { tone: "success", ms: 2500 });
    if (redeemed) await this.#returnPoints(redeemed);
  }

  /** Creates an item through the relay (O12, relay RL53); it reaches this register's grid by sync. */
  async #createItem(session: RegisterSession, request: NewItemRequest): Promise<void> {
    this.newItem = { busy: true };
    const api = new RelayApi(location.origin, () => session.paired.token);
    const result = session.snapshot.connection.state === "connected"
      ? await api.createItem({ ...request, requestId: this.#itemAttempt.requestIdFor(request) })
      : { ok: false as const, error: { code: "NO_CONNECTION", message: "No internet connection" } };
    this.#itemAttempt.settle(result.ok ? { ok: true } : { ok: false, code: result.error.code });
    if (!result.ok) {
      this.newItem = { error: result.error };
      return;
    }
    this.newItem = undefined;
    this.#toasts.show(msg(str`Item ${result.value.item.name} created`), { tone: "success", detail: msg("It is on the item grid of every register."), ms: 4000 });
  }

  /** Asks the relay to give back points no sale will use; offline the relay does it by itself later. */
  async #returnPoints(redemption: { readonly points: number; readonly redemptionId: string }): Promise<void> {
    const session = this.#session;
    if (!session) return;
    const outcome = await returnPoints(session, redemption);
    if (outcome.kind === "returned") {
      this.#toasts.show(msg(str`${outcome.points} points given back to the customer`), { tone: "success", ms: 3000 });
    } else if (outcome.kind === "later") {
      this.#toasts.show(msg(str`${outcome.points} redeemed points will go back to the customer automatically`), {
        tone: "info",
        detail: msg("No connection to the relay now: it releases points no sale used by itself."),
        ms: 6000,
      });
    }
  }

  /** ⋮ → Sign out (DESIGN O3): refused while anything is unsynced; otherwise wipes and returns to pairing. */
  async #signOut(): Promise<void> {
    const result = await this.#boot.signOut();
    if (!result.ok) this.#toasts.show(errorText(result.error), { tone: "warn", detail: result.error.code, ms: 6000 });
  }

  /** The job being printed, as wide as the roll's printable area. */
  #printArea() {
    const job = this.printJob;
    const session = this.#session;
    const f = this.#formatters;
    if (!job || !session || !f) return nothing;
    const paper = this.#preferences.paper;
    const settings = session.snapshot.store.settings;
    return html`<div class="print-area" data-testid="print-area" data-paper=${paper} style="width:${PRINTABLE_MM[paper]}mm">
      ${job.kind === "receipt"
        ? html`<register-receipt-paper
            printing
            .paper=${paper}
            .receipt=${job.receipt}
            .deviceTime=${job.deviceTime}
            .storeName=${settings.name}
            .registerLabel=${registerLabel(session.paired, session.snapshot.store.registers)}
            .catalog=${session.snapshot.store.catalog}
            .formatters=${f}
          ></register-receipt-paper>`
        : html`<register-shift-report
            printing
            .paper=${paper}
            .report=${job.report}
            .formatters=${f}
            .heading=${[settings.name, registerLabel(session.paired, session.snapshot.store.registers), msg("Shift report")]}
          ></register-shift-report>`}
    </div>`;
  }

  async #print(job: PrintJob): Promise<void> {
    this.printJob = job;
    await this.updateComplete;
    const area = this.renderRoot.querySelector<HTMLElement>(".print-area");
    const content = area?.firstElementChild as (HTMLElement & { updateComplete?: Promise<unknown> }) | null | undefined;
    await content?.updateComplete;
    // One page exactly as long as the receipt: a roll printer cuts after it, a PDF shows one strip.
    if (area) setPageRule(pageRule(this.#preferences.paper, area.scrollHeight));
    window.print();
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
        : { detail: msg("Sales are saved on this register and sync when the relay is reachable.") }),
    });
  }
}

type TicketView = RegisterSnapshot["tickets"][number];

/** localStorage, or nothing where the browser refuses it (private mode). */
function safeStorage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-app": RegisterApp;
  }
}
