import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { api, type ChargedTwiceTicket, type TicketChargeView } from "./api.js";
import { base } from "./styles.js";
import { icons } from "./icons.js";
import { dateTime } from "./store-format.js";
import { navigateOnClick, routeHref } from "./router.js";
import type { LiveStream } from "./live-stream.js";
import { t } from "./strings.js";

/**
 * The dashboard's warning about open tickets charged on two registers while apart (relay SPEC RL61).
 * Both receipts stand, so the owner needs to see them together to settle it with the customer; each
 * receipt number opens that receipt. Renders nothing while there are none — or when the list can't
 * be loaded: the dashboard's own error already says the relay is unreachable.
 */
@customElement("bo-charged-twice-card")
export class BoChargedTwiceCard extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .warning {
        margin-bottom: 20px;
        border: 1px solid #f5c77e;
        border-left: 4px solid var(--bo-warn);
        border-radius: var(--bo-radius-lg);
        background: var(--bo-warn-soft);
        padding: 14px 18px 12px;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 8px;
        color: var(--bo-warn);
        font-weight: 600;
      }
      .head .icon {
        font-size: 18px;
      }
      .head .n {
        margin-left: auto;
        font-weight: 500;
        font-size: 12.5px;
      }
      .lead {
        margin: 4px 0 10px 26px;
        color: var(--bo-text-2);
        font-size: 13px;
      }
      ul {
        list-style: none;
        margin: 0 0 0 26px;
        padding: 0;
      }
      li.ticket {
        display: grid;
        grid-template-columns: minmax(140px, 220px) 1fr;
        gap: 4px 16px;
        padding: 8px 0;
        border-top: 1px solid rgba(180, 83, 9, 0.18);
      }
      .name {
        font-weight: 600;
      }
      .comment {
        color: var(--bo-text-3);
        font-size: 12.5px;
      }
      .charges {
        display: flex;
        flex-direction: column;
        gap: 4px;
        font-size: 13px;
      }
      .charge a {
        font-family: var(--bo-mono);
        font-weight: 600;
        color: var(--bo-primary);
        text-decoration: none;
      }
      .charge a:hover {
        text-decoration: underline;
      }
      .charge .sub {
        color: var(--bo-text-3);
      }
    `,
  ];

  @property() storeId = "";
  @property({ attribute: false }) live: LiveStream | undefined;
  @state() private tickets: readonly ChargedTwiceTicket[] = [];
  private off: (() => void) | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private lateTimer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
    this.off = undefined;
    clearTimeout(this.refreshTimer);
    clearTimeout(this.lateTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("live")) {
      this.off?.();
      // A second charge arrives with a receipt when the register that was apart syncs: look again then,
      // and once more a few seconds later, as the tickets document may reach the relay after the receipt.
      this.off = this.live?.on("receipts", () => {
        clearTimeout(this.refreshTimer);
        clearTimeout(this.lateTimer);
        this.refreshTimer = setTimeout(() => void this.load(), 500);
        this.lateTimer = setTimeout(() => void this.load(), 5_000);
      });
    }
    if (changed.has("storeId")) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.storeId) return;
    try {
      this.tickets = (await api.ticketsChargedTwice(this.storeId)).tickets;
    } catch {
      // Keep what was shown; the next receipt event tries again.
    }
  }

  private charge(c: TicketChargeView): TemplateResult {
    const route = { page: "receipts", eventId: c.saleEventId } as const;
    const register = c.registerNumber === null ? t.dashboard.chargedTwice.unknownRegister : t.dashboard.chargedTwice.register.replace("{n}", String(c.registerNumber));
    return html`<span class="charge" data-testid="charged-twice-charge">
      <a href=${routeHref(route)} @click=${(e: MouseEvent) => navigateOnClick(e, route)} data-testid="charged-twice-receipt">${c.receiptNumber}</a>
      <span class="sub">· ${register}${c.registerName && c.registerName !== register ? ` (${c.registerName})` : ""} · ${dateTime(c.at)}</span>
    </span>`;
  }

  override render(): TemplateResult | typeof nothing {
    const list = this.tickets;
    if (list.length === 0) return nothing;
    const s = t.dashboard.chargedTwice;
    return html`<section class="warning" role="alert" data-testid="charged-twice-card">
      <div class="head">${icons.alert}<span>${s.title}</span><span class="n">${list.length === 1 ? s.one : s.many.replace("{n}", String(list.length))}</span></div>
      <p class="lead">${s.lead}</p>
      <ul>
        ${list.map(
          (tk) => html`<li class="ticket" data-testid="charged-twice-ticket" data-name=${tk.name}>
            <div><div class="name">${tk.name}</div>${tk.comment ? html`<div class="comment">${tk.comment}</div>` : nothing}</div>
            <div class="charges" aria-label=${s.receipts}>${tk.charges.map((c) => this.charge(c))}</div>
          </li>`,
        )}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-charged-twice-card": BoChargedTwiceCard;
  }
}
