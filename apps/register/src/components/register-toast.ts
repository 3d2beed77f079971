import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { keyed } from "lit/directives/keyed.js";
import { localized, msg } from "@lit/localize";
import { ObserveController } from "../controllers/observe-controller.js";
import type { ToastModel } from "../state/toasts.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/** Shows the current toast of a ToastModel at the bottom of the screen. */
@localized()
@customElement("register-toast")
export class RegisterToast extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        /* Bottom left, over the item grid: never over the ticket's Charge button. */
        position: fixed;
        left: 20px;
        bottom: max(20px, env(safe-area-inset-bottom));
        z-index: 100;
        width: max-content;
        max-width: min(520px, calc(100vw - 40px));
        pointer-events: none;
      }
      .toast {
        display: flex;
        align-items: flex-start;
        gap: 12px;
        min-width: min(300px, calc(100vw - 40px));
        padding: 14px 10px 14px 16px;
        border-radius: var(--kasa-radius);
        background: #1f2733;
        color: #fff;
        box-shadow: var(--kasa-shadow-lg);
        pointer-events: auto;
        animation: rise 160ms ease-out;
      }
      .bar {
        width: 4px;
        align-self: stretch;
        border-radius: 2px;
        background: #5eead4;
        flex: none;
      }
      .warn .bar {
        background: #fbbf24;
      }
      .danger .bar {
        background: #f87171;
      }
      .success .bar {
        background: #4ade80;
      }
      .text {
        flex: 1;
        padding-top: 2px;
      }
      strong {
        display: block;
        font-size: 15px;
      }
      span.detail {
        display: block;
        margin-top: 3px;
        font-size: 13px;
        line-height: 1.45;
        color: #c5ccd6;
      }
      .icon-btn {
        width: 32px;
        height: 32px;
        color: #c5ccd6;
      }
      .icon-btn:hover:not(:disabled) {
        background: rgba(255, 255, 255, 0.08);
        color: #fff;
      }
      @media (max-width: 720px) {
        /* On a phone the Charge button is at the bottom: show messages over the item grid instead. */
        :host {
          left: 12px;
          right: 12px;
          top: 124px;
          bottom: auto;
          width: auto;
          max-width: none;
        }
      }
      @keyframes rise {
        from {
          opacity: 0;
          transform: translateY(8px);
        }
      }
    `,
  ];

  @property({ attribute: false }) toasts: ToastModel | undefined;

  constructor() {
    super();
    new ObserveController(this, () => this.toasts);
  }

  protected override render() {
    const t = this.toasts?.current;
    if (!t) return nothing;
    return keyed(t.id, html`<div class="toast ${t.tone}" data-testid="toast" data-tone=${t.tone} role=${t.tone === "danger" ? "alert" : "status"}>
      <span class="bar" aria-hidden="true"></span>
      <div class="text"><strong>${t.message}</strong>${t.detail ? html`<span class="detail">${t.detail}</span>` : nothing}</div>
      <button class="icon-btn" aria-label=${msg("Dismiss")} @click=${() => this.toasts?.dismiss()}>${icons.close}</button>
    </div>`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-toast": RegisterToast;
  }
}
