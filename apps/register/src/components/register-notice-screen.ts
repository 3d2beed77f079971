import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { shared } from "../styles/shared.js";

/**
 * A full-screen message for the moments the till can't be shown: starting, opening, another tab
 * holding the register, a failed first start. Slot: an icon.
 */
@customElement("register-notice-screen")
export class RegisterNoticeScreen extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100dvh;
        padding: 24px;
        background: var(--kasa-bg);
      }
      .card {
        width: min(520px, 100%);
        padding: 40px 40px 36px;
        border-radius: var(--kasa-radius-lg);
        background: var(--kasa-surface);
        box-shadow: var(--kasa-shadow-lg);
        text-align: center;
      }
      .mark {
        display: inline-grid;
        place-items: center;
        width: 56px;
        height: 56px;
        margin-bottom: 18px;
        border-radius: 16px;
        background: var(--kasa-primary-soft);
        color: var(--kasa-primary);
      }
      .mark ::slotted(svg),
      .mark svg {
        width: 28px;
        height: 28px;
      }
      :host([tone="warn"]) .mark {
        background: var(--kasa-warn-soft);
        color: var(--kasa-warn);
      }
      :host([tone="danger"]) .mark {
        background: var(--kasa-danger-soft);
        color: var(--kasa-danger);
      }
      .mark .spinner {
        width: 26px;
        height: 26px;
        border-width: 3px;
      }
      h1 {
        margin: 0;
        font-size: 22px;
        line-height: 1.3;
        letter-spacing: -0.01em;
      }
      p {
        margin: 12px 0 0;
        color: var(--kasa-text-muted);
        line-height: 1.55;
      }
      .code {
        display: inline-block;
        margin-top: 14px;
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 12px;
        font-weight: 700;
        padding: 3px 8px;
        border-radius: 6px;
        background: var(--kasa-neutral-soft);
        color: var(--kasa-neutral);
      }
      .status {
        margin-top: 14px;
        font-size: 13px;
        color: var(--kasa-text-subtle);
      }
      .actions {
        margin-top: 28px;
      }
    `,
  ];

  @property() heading = "";
  @property() message = "";
  @property() code = "";
  @property() action = "";
  /** A short live status line, e.g. the relay connection while waiting. */
  @property() status = "";
  @property() testid = "notice";
  @property({ reflect: true }) tone: "info" | "warn" | "danger" = "info";
  @property({ type: Boolean }) busy = false;

  protected override render() {
    return html`<div class="card" data-testid=${this.testid} role=${this.tone === "info" ? "status" : "alert"}>
      <div class="mark">${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : html`<slot></slot>`}</div>
      <h1>${this.heading}</h1>
      ${this.message ? html`<p>${this.message}</p>` : nothing} ${this.code ? html`<span class="code">${this.code}</span>` : nothing}
      ${this.status ? html`<p class="status" data-testid="notice-status">${this.status}</p>` : nothing}
      ${this.action
        ? html`<div class="actions">
            <button class="btn primary large" @click=${() => this.dispatchEvent(new CustomEvent("notice-action"))}>${this.action}</button>
          </div>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-notice-screen": RegisterNoticeScreen;
  }
}
