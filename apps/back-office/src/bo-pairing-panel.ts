import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { base } from "./styles.js";
import { icons } from "./icons.js";
import type { ApiError, PairingCode } from "./api.js";
import { time } from "./store-format.js";

/** Where a tablet opens the register app: same relay, /register/. */
export const registerAppUrl = (): string => `${location.origin}/register/`;

/** "14:05" left until the code expires, or undefined once it has. */
function remaining(expiresAt: number, now: number): string | undefined {
  const s = Math.ceil((expiresAt - now) / 1000);
  if (s <= 0) return undefined;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The one-time pairing code for a register, big, with its expiry and what to do with it. */
@customElement("bo-pairing-panel")
export class BoPairingPanel extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .panel {
        display: grid;
        grid-template-columns: minmax(0, 300px) minmax(0, 1fr);
        gap: 28px;
        padding: 22px 24px;
        background: linear-gradient(180deg, #f8fbfb, #fbfcfc);
        border-top: 1px solid var(--bo-border);
      }
      .code-box {
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 10px;
        padding: 20px 16px;
        border-radius: var(--bo-radius-lg);
        background: var(--bo-surface);
        border: 1px solid var(--bo-primary-soft-2);
        box-shadow: var(--bo-shadow-sm);
        text-align: center;
      }
      .label {
        font-size: 12px;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--bo-text-3);
      }
      .code {
        font-family: var(--bo-mono);
        font-size: 34px;
        font-weight: 600;
        letter-spacing: 0.12em;
        color: var(--bo-primary);
        user-select: all;
        white-space: nowrap;
      }
      .code .half + .half {
        margin-left: 0.45em;
      }
      .code.expired {
        color: var(--bo-text-4);
        text-decoration: line-through;
        text-decoration-thickness: 2px;
      }
      .expiry {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 13px;
        color: var(--bo-text-3);
        font-variant-numeric: tabular-nums;
      }
      .expiry.expired {
        color: var(--bo-danger);
      }
      .code-box .skeleton {
        width: 200px;
        height: 30px;
        margin: 6px 0;
      }
      h4 {
        margin: 0 0 10px;
        font-size: 15px;
        font-weight: 600;
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
        counter-reset: step;
        display: grid;
        gap: 10px;
      }
      li {
        counter-increment: step;
        display: grid;
        grid-template-columns: 22px 1fr;
        gap: 10px;
        color: var(--bo-text-2);
        line-height: 1.5;
      }
      li::before {
        content: counter(step);
        display: grid;
        place-items: center;
        width: 22px;
        height: 22px;
        border-radius: 50%;
        background: var(--bo-primary-soft);
        color: var(--bo-primary);
        font-size: 12px;
        font-weight: 650;
        box-shadow: inset 0 0 0 1px var(--bo-primary-soft-2);
      }
      .url {
        font-family: var(--bo-mono);
        font-size: 12.5px;
        padding: 1px 6px;
        border-radius: 5px;
        background: #f1f3f5;
        color: var(--bo-text);
        word-break: break-all;
      }
      .actions {
        display: flex;
        gap: 8px;
        margin-top: 18px;
      }
      .done {
        display: flex;
        align-items: center;
        gap: 14px;
        padding: 18px 24px;
        border-top: 1px solid var(--bo-border);
        background: var(--bo-success-soft);
        color: var(--bo-success);
      }
      .done .icon {
        font-size: 24px;
      }
      .done strong {
        display: block;
        color: #065f46;
      }
      .done span {
        color: var(--bo-text-2);
      }
      .done .btn {
        margin-left: auto;
      }
      .error {
        padding: 14px 24px;
        border-top: 1px solid var(--bo-border);
        background: var(--bo-danger-soft);
        color: var(--bo-danger);
        display: flex;
        align-items: center;
        gap: 10px;
      }
      .error .grow {
        flex: 1;
      }
      .error .code-id {
        font-family: var(--bo-mono);
        font-size: 12px;
        opacity: 0.75;
      }
      @media (max-width: 700px) {
        .panel {
          grid-template-columns: 1fr;
          gap: 18px;
          padding: 18px 16px;
        }
        .code {
          font-size: 30px;
        }
        .done {
          flex-wrap: wrap;
          padding: 16px;
        }
      }
    `,
  ];

  @property() registerName = "";
  @property({ attribute: false }) pairing: PairingCode | undefined;
  @property({ attribute: false }) error: ApiError | undefined;
  /** A new device showed up on this register while the code was shown. */
  @property({ type: Boolean }) paired = false;

  @state() private now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => (this.now = Date.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("pairing")) this.now = Date.now();
  }

  private emit(type: "bo-close" | "bo-new-code"): void {
    this.dispatchEvent(new Event(type));
  }

  override render(): TemplateResult {
    if (this.paired) {
      return html`<div class="done" role="status" data-testid="pairing-done">
        ${icons.checkCircle}
        <div><strong>Device paired</strong><span>${this.registerName} is set up on the new device.</span></div>
        <button class="btn" @click=${() => this.emit("bo-close")}>Done</button>
      </div>`;
    }
    if (this.error) {
      return html`<div class="error" role="alert">
        ${icons.alert}
        <span class="grow">${this.error.unreachable ? "Can't reach the relay to make a code." : this.error.message}
          <span class="code-id">${this.error.code}</span></span>
        <button class="btn small" @click=${() => this.emit("bo-new-code")}>Try again</button>
        <button class="btn small ghost" @click=${() => this.emit("bo-close")}>Cancel</button>
      </div>`;
    }
    const p = this.pairing;
    const left = p ? remaining(p.expiresAt, this.now) : "";
    const expired = p !== undefined && left === undefined;
    return html`<div class="panel">
      <div class="code-box">
        <span class="label">Pairing code</span>
        ${p
          ? html`<span class="code ${expired ? "expired" : ""}" data-testid="pairing-code" data-expires-at=${p.expiresAt} aria-label="Pairing code ${p.code.split("").join(" ")}"
              ><span class="half">${p.code.slice(0, Math.ceil(p.code.length / 2))}</span><span class="half"
                >${p.code.slice(Math.ceil(p.code.length / 2))}</span
              ></span
            >`
          : html`<span class="skeleton"></span>`}
        ${p
          ? html`<span class="expiry ${expired ? "expired" : ""}" data-testid="pairing-expiry"
              >${icons.clock}${expired ? "This code has expired" : html`Expires in ${left} · at ${time(p.expiresAt)}`}</span
            >`
          : html`<span class="expiry">Making a code…</span>`}
      </div>
      <div>
        <h4>Pair a device to ${this.registerName}</h4>
        <ol>
          <li><span>On the tablet or phone, open <span class="url">${registerAppUrl()}</span></span></li>
          <li><span>Enter this code. It works once and for 15 minutes.</span></li>
          <li><span>The device becomes ${this.registerName}; it shows as <b>Online now</b> here when it connects.</span></li>
        </ol>
        <div class="actions">
          <button class="btn ${expired ? "primary" : ""}" @click=${() => this.emit("bo-new-code")}>${icons.refresh}New code</button>
          <button class="btn ghost" @click=${() => this.emit("bo-close")}>Close</button>
        </div>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-pairing-panel": BoPairingPanel;
  }
}
