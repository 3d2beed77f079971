import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import type { Minor } from "@kasa/domain";
import type { Formatters } from "../lib/format.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

/**
 * "Present card": covers the charge screen while the integrated terminal waits for the customer,
 * so nothing else can be tapped meanwhile. Emits `terminal-cancel`.
 */
@localized()
@customElement("register-terminal-overlay")
export class RegisterTerminalOverlay extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        position: fixed;
        inset: 0;
        z-index: 50;
        display: grid;
        place-items: center;
        padding: 24px;
        background: rgba(17, 24, 39, 0.55);
        animation: fade 120ms ease-out;
      }
      .card {
        display: grid;
        justify-items: center;
        gap: 10px;
        width: min(420px, 100%);
        padding: 32px 28px 24px;
        border-radius: var(--kasa-radius-lg);
        background: var(--kasa-surface);
        box-shadow: var(--kasa-shadow-lg);
        text-align: center;
      }
      .tap {
        position: relative;
        display: grid;
        place-items: center;
        width: 88px;
        height: 88px;
        margin-bottom: 6px;
        border-radius: 50%;
        background: var(--kasa-primary-soft);
        color: var(--kasa-primary);
      }
      .tap svg {
        width: 40px;
        height: 40px;
      }
      .tap::after {
        content: "";
        position: absolute;
        inset: -6px;
        border-radius: 50%;
        border: 3px solid var(--kasa-primary);
        opacity: 0.5;
        animation: ring 1.4s ease-out infinite;
      }
      h2 {
        margin: 0;
        font-size: 24px;
      }
      .amount {
        font-size: 34px;
        font-weight: 750;
        font-variant-numeric: tabular-nums;
      }
      p {
        margin: 0 0 10px;
        color: var(--kasa-text-muted);
      }
      @keyframes ring {
        from {
          transform: scale(0.9);
          opacity: 0.6;
        }
        to {
          transform: scale(1.25);
          opacity: 0;
        }
      }
      @keyframes fade {
        from {
          opacity: 0;
        }
      }
    `,
  ];

  @property({ attribute: false }) amount: Minor | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;

  protected override render() {
    const f = this.formatters;
    if (!f || this.amount === undefined) return nothing;
    return html`<div class="card" role="alertdialog" aria-modal="true" aria-labelledby="present" data-testid="terminal-overlay">
      <span class="tap" aria-hidden="true">${icons.card}</span>
      <h2 id="present">${msg("Present card")}</h2>
      <div class="amount">${f.money(this.amount)}</div>
      <p>${msg("Ask the customer to tap, insert or swipe their card on the terminal.")}</p>
      <button class="btn large block" data-testid="terminal-cancel" @click=${() => this.dispatchEvent(new CustomEvent("terminal-cancel"))}>${msg("Cancel")}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-terminal-overlay": RegisterTerminalOverlay;
  }
}
