import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import { errorText } from "../i18n/errors.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";
import type { PairingError } from "../controllers/boot-controller.js";

/**
 * First start on a device: the cashier types the pairing code the back office shows (or opens a
 * "#pair=CODE" link, which pairs without this screen). Emits `code-input` and `pair` (detail: the code).
 */
@localized()
@customElement("register-pairing-screen")
export class RegisterPairingScreen extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100dvh;
        padding: 24px;
        background:
          radial-gradient(1200px 500px at 50% -10%, rgba(15, 118, 110, 0.1), transparent 70%),
          var(--kasa-bg);
      }
      .card {
        width: min(480px, 100%);
        padding: 36px 40px 32px;
        border-radius: var(--kasa-radius-lg);
        background: var(--kasa-surface);
        box-shadow: var(--kasa-shadow-lg);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 12px;
        margin-bottom: 28px;
        font-weight: 700;
        font-size: 17px;
      }
      .brand img {
        width: 36px;
        height: 36px;
        border-radius: 10px;
      }
      .brand span {
        color: var(--kasa-primary);
      }
      h1 {
        margin: 0 0 8px;
        font-size: 26px;
        letter-spacing: -0.02em;
      }
      .lead {
        margin: 0 0 28px;
        color: var(--kasa-text-muted);
        line-height: 1.55;
      }
      form {
        display: grid;
        gap: 16px;
      }
      .code-input {
        min-height: 64px;
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 28px;
        font-weight: 600;
        letter-spacing: 0.22em;
        text-align: center;
        text-transform: uppercase;
      }
      .code-input::placeholder {
        color: var(--kasa-border-strong);
        letter-spacing: 0.22em;
      }
      .alert svg {
        margin-top: 1px;
      }
      .alert strong {
        display: block;
        margin-bottom: 2px;
      }
      .foot {
        display: flex;
        gap: 10px;
        margin: 24px 0 0;
        padding-top: 20px;
        border-top: 1px solid var(--kasa-border);
        color: var(--kasa-text-subtle);
        font-size: 13px;
        line-height: 1.5;
      }
      .foot svg {
        width: 18px;
        height: 18px;
        margin-top: 1px;
      }
      @media (max-width: 480px) {
        .card {
          padding: 28px 22px 24px;
        }
      }
    `,
  ];

  @property() code = "";
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: PairingError | undefined;

  protected override render() {
    const error = this.error;
    return html`<div class="card">
      <div class="brand"><img src="${import.meta.env.BASE_URL}icon.svg" alt="" /> <div><span>Kasa</span> Register</div></div>
      <h1>${msg("Pair this register")}</h1>
      <p class="lead">${msg("In the back office, open POS devices and create a pairing code for this register, then enter it here.")}</p>
      <form @submit=${this.#submit} novalidate>
        <div class="field">
          <label for="code">${msg("Pairing code")}</label>
          <input
            id="code"
            class="input code-input"
            data-testid="pair-code"
            .value=${this.code}
            placeholder="XXXXXXXX"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="16"
            ?disabled=${this.busy}
            aria-invalid=${error ? "true" : "false"}
            aria-describedby=${error ? "pair-error" : nothing}
            @input=${(e: Event) => this.dispatchEvent(new CustomEvent("code-input", { detail: (e.target as HTMLInputElement).value }))}
          />
        </div>
        ${error
          ? html`<div class="alert" id="pair-error" role="alert" data-testid="pair-error" data-code=${error.code}>
              ${icons.alert}
              <div><strong>${errorText(error)}</strong><code>${error.code}</code></div>
            </div>`
          : nothing}
        <button class="btn primary large block" type="submit" data-testid="pair-submit" ?disabled=${this.busy}>
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span> ${msg("Pairing…")}` : msg("Pair register")}
        </button>
      </form>
      <p class="foot">${icons.cloudOff}<span>${msg("Pairing needs a connection to the relay once. After that, this register keeps selling offline.")}</span></p>
    </div>`;
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>("#code")?.focus();
  }

  #submit(e: Event): void {
    e.preventDefault();
    if (this.busy) return;
    const value = this.renderRoot.querySelector<HTMLInputElement>("#code")?.value ?? this.code;
    this.dispatchEvent(new CustomEvent("pair", { detail: value }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-pairing-screen": RegisterPairingScreen;
  }
}
