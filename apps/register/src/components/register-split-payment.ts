import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import { ObserveController } from "../controllers/observe-controller.js";
import { errorText } from "../i18n/errors.js";
import { methodLabel, type Formatters } from "../lib/format.js";
import type { PaymentMethod } from "../payments/payment-methods.js";
import type { CheckoutModel } from "../state/checkout.js";
import { MAX_SPLIT, allPaid, imbalance, nextPart, remaining, type SplitPart } from "../state/split-plan.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/**
 * Split payment: the number of payments (±), each with its own type and amount (divided evenly
 * first), charged in turn and marked Paid; Done records the sale with all of them. Emits
 * `charge-part` (detail: {index, method}) and `finish-split`.
 */
@localized()
@customElement("register-split-payment")
export class RegisterSplitPayment extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: grid;
        gap: 12px;
      }
      .top {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
        flex-wrap: wrap;
      }
      h3 {
        display: flex;
        align-items: center;
        gap: 10px;
        margin: 0;
        font-size: 13px;
        font-weight: 700;
        color: var(--kasa-text-muted);
        text-transform: uppercase;
        letter-spacing: 0.06em;
      }
      h3 svg {
        color: var(--kasa-primary);
      }
      .count {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 14px;
        color: var(--kasa-text-muted);
      }
      .stepper {
        display: inline-flex;
        align-items: center;
        border: 1px solid var(--kasa-border-strong);
        border-radius: var(--kasa-radius-sm);
        overflow: hidden;
      }
      .stepper .icon-btn {
        border-radius: 0;
      }
      .stepper output {
        min-width: 40px;
        text-align: center;
        font-weight: 750;
        font-size: 17px;
        color: var(--kasa-text);
        font-variant-numeric: tabular-nums;
      }
      ol {
        display: grid;
        gap: 8px;
        margin: 0;
        padding: 0;
        list-style: none;
        counter-reset: part;
      }
      li {
        display: grid;
        grid-template-columns: 28px minmax(0, 1.1fr) minmax(0, 1fr) auto;
        align-items: center;
        gap: 8px 10px;
        padding: 10px 10px 10px 12px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius);
        background: var(--kasa-surface);
      }
      li[data-paid="true"] {
        border-color: rgba(21, 128, 61, 0.35);
        background: var(--kasa-ok-soft);
      }
      li[data-next="true"] {
        border-color: var(--kasa-primary);
        box-shadow: 0 0 0 1px var(--kasa-primary);
      }
      .n {
        display: grid;
        place-items: center;
        width: 28px;
        height: 28px;
        border-radius: 50%;
        background: var(--kasa-neutral-soft);
        font-size: 13px;
        font-weight: 750;
        color: var(--kasa-text-muted);
      }
      li[data-paid="true"] .n {
        background: var(--kasa-ok);
        color: #fff;
      }
      select,
      .amount {
        width: 100%;
        min-height: 48px;
        padding: 0 10px;
        border: 1px solid var(--kasa-border-strong);
        border-radius: var(--kasa-radius-sm);
        background: var(--kasa-surface);
        color: var(--kasa-text);
        font: inherit;
        font-size: 16px;
      }
      .amount {
        text-align: right;
        font-weight: 650;
        font-variant-numeric: tabular-nums;
      }
      .amount[aria-invalid="true"] {
        border-color: var(--kasa-danger);
      }
      .paid-as {
        font-weight: 650;
      }
      .paid-as small {
        display: block;
        font-weight: 500;
        font-size: 12px;
        color: var(--kasa-text-muted);
      }
      .paid-amount {
        text-align: right;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .side {
        display: flex;
        align-items: center;
        gap: 6px;
        justify-content: flex-end;
        min-width: 120px;
      }
      .side .btn {
        min-width: 112px;
      }
      .extra {
        grid-column: 2 / -1;
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 8px;
        align-items: center;
        font-size: 13px;
        color: var(--kasa-text-muted);
      }
      .extra label {
        display: grid;
        gap: 4px;
      }
      .extra strong {
        color: var(--kasa-text);
        font-size: 16px;
        font-variant-numeric: tabular-nums;
      }
      .error-text {
        grid-column: 2 / -1;
      }
      .status {
        display: flex;
        justify-content: space-between;
        gap: 12px;
        padding: 10px 14px;
        border-radius: var(--kasa-radius-sm);
        background: var(--kasa-surface-muted);
        border: 1px solid var(--kasa-border);
        font-size: 15px;
      }
      .status strong {
        font-variant-numeric: tabular-nums;
      }
      .status.warn {
        background: var(--kasa-warn-soft);
        color: var(--kasa-warn);
        border-color: rgba(180, 83, 9, 0.25);
      }
      .finish {
        justify-content: space-between;
        padding: 0 22px;
      }
      @media (max-width: 560px) {
        li {
          grid-template-columns: 28px minmax(0, 1fr);
        }
        li > :nth-child(3),
        li > .side {
          grid-column: 2;
        }
      }
    `,
  ];

  @property({ attribute: false }) checkout: CheckoutModel | undefined;
  @property({ attribute: false }) methods: readonly PaymentMethod[] = [];
  @property({ attribute: false }) formatters: Formatters | undefined;
  @property({ type: Boolean }) online = false;

  constructor() {
    super();
    new ObserveController(this, () => this.checkout);
  }

  protected override render() {
    const { checkout, formatters: f } = this;
    const plan = checkout?.split;
    if (!checkout || !plan || !f) return nothing;
    const busy = checkout.phase === "saving" || checkout.waiting !== undefined;
    const next = nextPart(plan);
    const paidCount = plan.parts.filter((p) => p.paid).length;
    const left = remaining(plan);
    const off = imbalance(plan);
    const done = allPaid(plan);
    const defaultKey = this.methods[0]?.key ?? "cash";
    return html`<div class="top">
        <h3>${icons.split} ${msg("Split payment")}</h3>
        <div class="count">
          ${msg("Payments")}
          <div class="stepper">
            <button
              class="icon-btn"
              data-testid="split-minus"
              aria-label=${msg("One payment less")}
              ?disabled=${busy || plan.parts.length <= Math.max(2, paidCount + 1)}
              @click=${() => checkout.setSplitCount(plan.parts.length - 1, defaultKey)}
            >
              ${icons.minus}
            </button>
            <output data-testid="split-count">${plan.parts.length}</output>
            <button
              class="icon-btn"
              data-testid="split-plus"
              aria-label=${msg("One payment more")}
              ?disabled=${busy || done || plan.parts.length >= MAX_SPLIT || plan.parts.length >= plan.total}
              @click=${() => checkout.setSplitCount(plan.parts.length + 1, defaultKey)}
            >
              ${icons.plus}
            </button>
          </div>
          <button class="btn quiet" data-testid="split-cancel" ?disabled=${busy || checkout.hasTakenMoney} @click=${() => checkout.cancelSplit()}>
            ${msg("One payment")}
          </button>
        </div>
      </div>
      <ol>
        ${plan.parts.map((part, i) => this.#part(part, i, i === next, i === plan.parts.length - 1, busy, f))}
      </ol>
      ${off !== 0 && !done
        ? html`<div class="status warn" role="status" data-testid="split-imbalance">
            <span>${off > 0 ? msg("The payments are more than the total by") : msg("The payments are short of the total by")}</span
            ><strong>${f.money(Math.abs(off))}</strong>
          </div>`
        : html`<div class="status" role="status">
            <span>${done ? msg("Everything is paid") : msg("Left to pay")}</span><strong data-testid="split-remaining">${f.money(left)}</strong>
          </div>`}
      <button class="btn primary large block finish" data-testid="split-done" ?disabled=${!done || busy} @click=${() => this.dispatchEvent(new CustomEvent("finish-split"))}>
        <span>${msg("Done")}</span><span class="num">${f.money(plan.total)}</span>
      </button>`;
  }

  #part(part: SplitPart, index: number, isNext: boolean, isLast: boolean, busy: boolean, f: Formatters) {
    const checkout = this.checkout!;
    const method = this.methods.find((m) => m.key === part.methodKey) ?? this.methods[0];
    const label = msg(str`Payment ${index + 1}`);
    if (part.paid) {
      const paid = part.paid;
      const change = paid.type === "cash" ? paid.received - part.amount : 0;
      const undoable = !(paid.type === "card" && paid.reference);
      return html`<li data-testid="split-part" data-index=${String(index)} data-paid="true" aria-label=${label}>
        <span class="n">${icons.check}</span>
        <span class="paid-as"
          >${method ? methodLabel(method) : ""}<small
            >${paid.type === "card" && paid.reference ? msg(str`Authorization ${paid.reference}`) : change > 0 ? msg(str`Change ${f.money(change)}`) : ""}</small
          ></span
        >
        <span class="paid-amount">${f.money(part.amount)}</span>
        <span class="side">
          <span class="badge ok" data-testid="split-paid">${msg("Paid")}</span>
          ${undoable
            ? html`<button class="icon-btn" data-testid="split-undo" aria-label=${msg(str`Take back ${label}`)} ?disabled=${busy} @click=${() => checkout.undoPart(index)}>
                ${icons.close}
              </button>`
            : nothing}
        </span>
      </li>`;
    }
    const text = checkout.partTexts[index] ?? "";
    const error = checkout.partErrors[index];
    const needsConnection = method?.integrated === true && !this.online;
    const lastCash = isLast && method?.kind === "cash";
    const received = lastCash ? checkout.lastReceived() : undefined;
    const change = received?.ok ? received.value - part.amount : undefined;
    return html`<li data-testid="split-part" data-index=${String(index)} data-paid="false" data-next=${isNext ? "true" : "false"} aria-label=${label}>
      <span class="n">${index + 1}</span>
      <select
        data-testid="split-method"
        aria-label=${msg(str`Payment type of ${label}`)}
        ?disabled=${busy}
        @change=${(e: Event) => checkout.setPartMethod(index, (e.target as HTMLSelectElement).value)}
      >
        ${this.methods.map((m) => html`<option value=${m.key} ?selected=${m.key === part.methodKey}>${methodLabel(m)}</option>`)}
      </select>
      <input
        class="amount"
        data-testid="split-amount"
        inputmode="decimal"
        autocomplete="off"
        aria-label=${msg(str`Amount of ${label}`)}
        .value=${text}
        ?disabled=${busy}
        aria-invalid=${error ? "true" : "false"}
        @input=${(e: Event) => checkout.setPartText(index, (e.target as HTMLInputElement).value)}
      />
      <span class="side">
        <button
          class="btn ${isNext ? "primary" : ""}"
          data-testid="split-charge"
          ?disabled=${!isNext || busy || needsConnection || error !== undefined}
          @click=${() => method && this.dispatchEvent(new CustomEvent("charge-part", { detail: { index, method } }))}
        >
          ${needsConnection ? msg("Needs a connection") : msg("Charge")}
        </button>
      </span>
      ${lastCash
        ? html`<div class="extra">
            <label
              >${msg("Cash received")}
              <input
                class="amount"
                data-testid="split-received"
                inputmode="decimal"
                autocomplete="off"
                .value=${checkout.lastReceivedText}
                ?disabled=${busy}
                @input=${(e: Event) => checkout.setLastReceivedText((e.target as HTMLInputElement).value)}
            /></label>
            <span>${msg("Change")}<br /><strong data-testid="split-change">${change === undefined || change < 0 ? "—" : f.money(change)}</strong></span>
          </div>`
        : nothing}
      ${error ? html`<span class="error-text" role="alert">${errorText(error)}</span>` : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-split-payment": RegisterSplitPayment;
  }
}
