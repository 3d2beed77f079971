import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { RegisterSnapshot } from "@kasa/sync";
import { linesLabel } from "../i18n/counts.js";
import type { Formatters } from "../lib/format.js";
import { registerNumberOf, sortTickets, ticketAmount, type TicketSort } from "../state/open-tickets.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

type TicketView = RegisterSnapshot["tickets"][number];

/**
 * The store's open tickets (DESIGN O8), shared by every register: sortable by name, amount or time,
 * each with the register that saved it. Open (load into the ticket), Charge (load and go to the
 * charge screen) and Delete (after a confirmation). Tickets charged on two registers while apart
 * are flagged: both receipts stand. Emits `ticket-open` / `ticket-charge` (detail: the ticket) and
 * `ticket-delete` (detail: id).
 */
@localized()
@customElement("register-tickets-screen")
export class RegisterTicketsScreen extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        height: 100%;
        overflow-y: auto;
        background: var(--kasa-bg);
      }
      .wrap {
        max-width: 980px;
        margin: 0 auto;
        padding: 18px 20px 32px;
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
        margin-bottom: 14px;
        flex-wrap: wrap;
      }
      h2 {
        margin: 0;
        font-size: 20px;
      }
      .sub {
        font-size: 13px;
        color: var(--kasa-text-muted);
      }
      .segments {
        display: inline-flex;
        border: 1px solid var(--kasa-border-strong);
        border-radius: 999px;
        overflow: hidden;
        background: var(--kasa-surface);
      }
      .segments button {
        min-height: 38px;
        padding: 0 14px;
        border: 0;
        background: transparent;
        font: inherit;
        font-size: 14px;
        cursor: pointer;
      }
      .segments button[aria-pressed="true"] {
        background: var(--kasa-primary);
        color: #fff;
      }
      .flag {
        display: grid;
        gap: 4px;
        margin-bottom: 12px;
        padding: 12px 16px;
        border: 1px solid var(--kasa-danger);
        border-radius: var(--kasa-radius);
        background: var(--kasa-danger-soft, #fef2f2);
        color: var(--kasa-danger);
      }
      .flag strong {
        display: flex;
        align-items: center;
        gap: 6px;
      }
      .flag span {
        color: var(--kasa-text);
        font-size: 14px;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 10px;
      }
      li.ticket {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto auto;
        align-items: center;
        gap: 12px;
        padding: 12px 16px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius);
        background: var(--kasa-surface);
        box-shadow: var(--kasa-shadow);
      }
      .name {
        font-weight: 700;
        font-size: 17px;
      }
      .meta {
        margin-top: 2px;
        font-size: 13px;
        color: var(--kasa-text-muted);
      }
      .comment {
        margin-top: 4px;
        font-size: 14px;
        font-style: italic;
        color: var(--kasa-text-muted);
      }
      .amount {
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        font-size: 17px;
      }
      .actions {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        justify-content: flex-end;
      }
      .confirm {
        display: flex;
        align-items: center;
        gap: 6px;
        color: var(--kasa-danger);
        font-size: 14px;
        font-weight: 600;
      }
      .btn.danger {
        border-color: var(--kasa-danger);
        color: var(--kasa-danger);
      }
      .btn.danger.solid {
        background: var(--kasa-danger);
        color: #fff;
      }
      .empty {
        display: grid;
        justify-items: center;
        gap: 6px;
        padding: 64px 24px;
        color: var(--kasa-text-muted);
        text-align: center;
      }
      .empty svg {
        width: 40px;
        height: 40px;
        color: var(--kasa-border-strong);
      }
      .empty strong {
        color: var(--kasa-text);
      }
      @media (max-width: 720px) {
        li.ticket {
          grid-template-columns: minmax(0, 1fr) auto;
        }
        .actions {
          grid-column: 1 / -1;
          justify-content: stretch;
        }
      }
    `,
  ];

  @property({ attribute: false }) snapshot: RegisterSnapshot | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  /** The ticket on the till right now (an open ticket being edited), if any. */
  @property() editingId: string | undefined;
  @state() private sort: TicketSort = "time";
  @state() private confirmDelete: string | undefined;

  #sorted: TicketView[] = [];
  #amounts = new Map<string, number | undefined>();

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const s = this.snapshot;
    if (!s) return;
    const catalog = s.store.catalog;
    this.#amounts = new Map(s.tickets.map((t) => [t.id, ticketAmount(catalog, t)]));
    this.#sorted = sortTickets(s.tickets, this.sort, (t) => this.#amounts.get(t.id));
  }

  protected override render() {
    const s = this.snapshot;
    const f = this.formatters;
    if (!s || !f) return nothing;
    const sorts: [TicketSort, string][] = [
      ["name", msg("Name")],
      ["amount", msg("Amount")],
      ["time", msg("Time")],
    ];
    return html`<div class="wrap" data-testid="tickets">
      <header>
        <div>
          <h2>${msg("Open tickets")}</h2>
          <div class="sub">${msg("Shared by every register of the store. Saved offline, they appear everywhere once synced.")}</div>
        </div>
        <div class="segments" role="group" aria-label=${msg("Sort by")}>
          ${sorts.map(
            ([key, label]) => html`<button data-testid="tickets-sort" data-sort=${key} aria-pressed=${this.sort === key ? "true" : "false"} @click=${() => (this.sort = key)}>
              ${label}
            </button>`,
          )}
        </div>
      </header>
      ${s.ticketsChargedTwice.map((t) => {
        const receipts = t.charges.map((c) => c.receiptNumber).join(" · ");
        return html`<div class="flag" role="alert" data-testid="ticket-charged-twice" data-ticket-id=${t.id}>
          <strong>${icons.alert} ${msg(str`${t.name}: Charged twice — both receipts stand`)}</strong>
          <span data-testid="charged-twice-receipts">${msg(str`Receipts ${receipts}. Check with the customer; refund one if needed.`)}</span>
        </div>`;
      })}
      ${this.#sorted.length === 0
        ? html`<div class="empty">${icons.receipt}<strong>${msg("No open tickets")}</strong><span>${msg("Use Save on the ticket to keep it open (a table, a tab, an order to finish later).")}</span></div>`
        : html`<ul>
            ${this.#sorted.map((t) => this.#row(t, s, f))}
          </ul>`}
    </div>`;
  }

  #row(t: TicketView, s: RegisterSnapshot, f: Formatters) {
    const amount = this.#amounts.get(t.id);
    const number = registerNumberOf(s.store.registers, t.createdBy);
    const by = number === undefined ? msg("another register") : msg(str`Register ${number}`);
    const confirming = this.confirmDelete === t.id;
    return html`<li class="ticket" data-testid="open-ticket" data-ticket-id=${t.id} data-name=${t.name}>
      <div>
        <div class="name">${t.name}${this.editingId === t.id ? html` <span class="badge warn">${msg("On the till")}</span>` : nothing}</div>
        <div class="meta" data-testid="open-ticket-meta">${by} · ${f.shortDateTime(t.updatedAt)} · ${linesLabel(t.lines.length)}</div>
        ${t.comment ? html`<div class="comment">${t.comment}</div>` : nothing}
      </div>
      <div class="amount" data-testid="open-ticket-amount">${amount === undefined ? "—" : f.money(amount)}</div>
      <div class="actions">
        ${confirming
          ? html`<span class="confirm">${msg("Delete this ticket?")}</span>
              <button class="btn" @click=${() => (this.confirmDelete = undefined)}>${msg("Keep")}</button>
              <button class="btn danger solid" data-testid="open-ticket-delete-confirm" @click=${() => this.#emit("ticket-delete", t.id)}>${msg("Delete")}</button>`
          : html`<button class="btn danger" data-testid="open-ticket-delete" @click=${() => (this.confirmDelete = t.id)}>${msg("Delete")}</button>
              <button class="btn" data-testid="open-ticket-open" @click=${() => this.#emit("ticket-open", t)}>${msg("Open")}</button>
              <button class="btn primary" data-testid="open-ticket-charge" ?disabled=${amount === undefined} @click=${() => this.#emit("ticket-charge", t)}>
                ${msg("Charge")}
              </button>`}
      </div>
    </li>`;
  }

  #emit(name: string, detail: unknown): void {
    this.confirmDelete = undefined;
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-tickets-screen": RegisterTicketsScreen;
  }
}
