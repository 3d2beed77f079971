import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { customElement, property } from "lit/decorators.js";
import { base } from "./styles.js";
import { icons } from "./icons.js";

export type StateTone = "neutral" | "error";

/** Centred empty / error state: icon, heading, explanation, and slotted actions. */
@customElement("bo-state-message")
export class BoStateMessage extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .wrap {
        display: flex;
        flex-direction: column;
        align-items: center;
        text-align: center;
        padding: 56px 24px;
      }
      .badge {
        display: grid;
        place-items: center;
        width: 48px;
        height: 48px;
        border-radius: 12px;
        background: var(--bo-primary-soft);
        color: var(--bo-primary);
        font-size: 22px;
        margin-bottom: 16px;
        box-shadow: inset 0 0 0 1px var(--bo-primary-soft-2);
      }
      .error .badge {
        background: var(--bo-danger-soft);
        color: var(--bo-danger);
        box-shadow: inset 0 0 0 1px #fee2e2;
      }
      h2 {
        margin: 0;
        font-size: 16px;
        font-weight: 600;
      }
      p {
        margin: 6px 0 0;
        max-width: 440px;
        color: var(--bo-text-3);
        line-height: 1.55;
      }
      .code {
        margin-top: 8px;
        font-family: var(--bo-mono);
        font-size: 12px;
        color: var(--bo-text-4);
      }
      .actions {
        display: flex;
        gap: 8px;
        margin-top: 20px;
      }
    `,
  ];

  @property() heading = "";
  @property() text = "";
  @property() tone: StateTone = "neutral";
  @property() icon: keyof typeof icons = "inbox";
  /** Error code, shown small for support ("RELAY_UNREACHABLE"). */
  @property() code = "";

  override render(): TemplateResult {
    return html`<div class="wrap ${this.tone}" role=${this.tone === "error" ? "alert" : nothing}>
      <div class="badge">${icons[this.icon]}</div>
      <h2>${this.heading}</h2>
      ${this.text ? html`<p>${this.text}</p>` : nothing}
      <slot name="detail"></slot>
      ${this.code ? html`<div class="code">${this.code}</div>` : nothing}
      <div class="actions"><slot></slot></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-state-message": BoStateMessage;
  }
}
