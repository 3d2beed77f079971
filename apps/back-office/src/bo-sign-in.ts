import { LitElement, css, html, nothing, type TemplateResult } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { api, asApiError, type DemoInfo, type StoreRef } from "./api.js";
import { base } from "./styles.js";
import { icons, logoMark } from "./icons.js";

export interface SignInError {
  readonly message: string;
  readonly code?: string;
}

/** What the relay's codes mean to someone at the sign-in form. */
function signInError(code: string, fallback: string): SignInError {
  switch (code) {
    case "UNAUTHENTICATED":
      return { code, message: "Wrong e-mail or password." };
    case "BAD_REQUEST":
      return { code, message: "Enter a valid e-mail address and your password." };
    case "RELAY_UNREACHABLE":
      return { code, message: "Can't reach the relay. Check the connection and try again." };
    default:
      return { code, message: fallback };
  }
}

export class SignedInEvent extends Event {
  constructor(readonly stores: StoreRef[]) {
    super("bo-signed-in", { bubbles: true, composed: true });
  }
}

/** The sign-in page: e-mail and password; on success the app receives the owner's stores. */
@customElement("bo-sign-in")
export class BoSignIn extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100vh;
        min-height: 100dvh;
        padding: 24px 16px;
        background:
          radial-gradient(1200px 500px at 50% -10%, rgba(15, 118, 110, 0.08), transparent 70%),
          var(--bo-bg);
      }
      .panel {
        width: 100%;
        max-width: 400px;
      }
      .brand {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 10px;
        margin-bottom: 28px;
        font-size: 20px;
        font-weight: 650;
        letter-spacing: -0.02em;
      }
      .logo-mark {
        width: 34px;
        height: 34px;
      }
      .brand small {
        font-weight: 500;
        color: var(--bo-text-3);
        font-size: 15px;
        letter-spacing: 0;
      }
      .card {
        padding: 32px;
        box-shadow: var(--bo-shadow-lg);
      }
      h1 {
        margin: 0;
        font-size: 20px;
        font-weight: 650;
        letter-spacing: -0.01em;
      }
      .lead {
        margin: 6px 0 24px;
        color: var(--bo-text-3);
      }
      label {
        display: block;
        font-size: 13px;
        font-weight: 550;
        margin-bottom: 6px;
        color: var(--bo-text-2);
      }
      .field {
        margin-bottom: 16px;
      }
      input {
        width: 100%;
        height: 40px;
        padding: 0 12px;
        border: 1px solid var(--bo-border-strong);
        border-radius: var(--bo-radius);
        font: inherit;
        font-size: 15px;
        color: var(--bo-text);
        background: #fff;
        box-shadow: var(--bo-shadow-sm);
        transition: border-color 0.12s, box-shadow 0.12s;
      }
      input:focus {
        outline: none;
        border-color: var(--bo-primary);
        box-shadow: var(--bo-focus);
      }
      input[aria-invalid="true"] {
        border-color: #f3a4a4;
      }
      .submit {
        width: 100%;
        height: 42px;
        margin-top: 8px;
        font-size: 15px;
      }
      .error {
        display: flex;
        gap: 10px;
        align-items: flex-start;
        padding: 11px 12px;
        margin-bottom: 18px;
        border-radius: var(--bo-radius);
        background: var(--bo-danger-soft);
        border: 1px solid #fecaca;
        color: var(--bo-danger);
        line-height: 1.4;
      }
      .error .icon {
        margin-top: 1px;
      }
      .error .code {
        display: block;
        margin-top: 2px;
        font-family: var(--bo-mono);
        font-size: 11.5px;
        opacity: 0.75;
      }
      .notice {
        padding: 11px 12px;
        margin-bottom: 18px;
        border-radius: var(--bo-radius);
        background: var(--bo-subtle);
        border: 1px solid var(--bo-border);
        color: var(--bo-text-2);
      }
      .demo {
        margin-top: 18px;
        padding: 12px 14px;
        border-radius: var(--bo-radius);
        border: 1px dashed var(--bo-border-strong);
        color: var(--bo-text-3);
        font-size: 13px;
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 10px;
      }
      .demo code {
        font-family: var(--bo-mono);
        font-size: 12px;
        color: var(--bo-text-2);
      }
      .foot {
        margin-top: 22px;
        text-align: center;
        font-size: 12.5px;
        color: var(--bo-text-4);
      }
      @media (max-width: 480px) {
        .card {
          padding: 24px 20px;
        }
      }
    `,
  ];

  /** Shown above the form, e.g. "Your session has ended". */
  @property() notice = "";

  @state() private error: SignInError | undefined;
  @state() private busy = false;
  @state() private demo: DemoInfo | undefined;
  @state() private invalid: "email" | "password" | undefined;

  @query("#email") private emailInput!: HTMLInputElement;
  @query("#password") private passwordInput!: HTMLInputElement;

  override connectedCallback(): void {
    super.connectedCallback();
    api.demo().then(
      (d) => (this.demo = d),
      () => undefined,
    );
  }

  override firstUpdated(): void {
    this.emailInput.focus();
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const email = this.emailInput.value.trim();
    const password = this.passwordInput.value;
    if (!email) return this.fail("email", { message: "Enter your e-mail address." });
    if (!password) return this.fail("password", { message: "Enter your password." });
    this.busy = true;
    this.error = undefined;
    this.invalid = undefined;
    try {
      const { stores } = await api.signIn(email, password);
      this.dispatchEvent(new SignedInEvent(stores));
    } catch (err) {
      const e = asApiError(err);
      this.error = signInError(e.code, e.message);
      if (e.unauthenticated) {
        this.invalid = "password";
        this.passwordInput.select();
      }
    } finally {
      this.busy = false;
    }
  }

  private fail(field: "email" | "password", error: SignInError): void {
    this.invalid = field;
    this.error = error;
    (field === "email" ? this.emailInput : this.passwordInput).focus();
  }

  private useDemo(): void {
    const owner = this.demo?.owner;
    if (!owner) return;
    this.emailInput.value = owner.email;
    this.passwordInput.value = owner.password;
    this.passwordInput.focus();
  }

  override render(): TemplateResult {
    const owner = this.demo?.enabled ? this.demo.owner : undefined;
    return html`<div class="panel">
      <div class="brand">${logoMark}<span>Kasa</span><small>Back office</small></div>
      <form class="card" @submit=${this.submit} novalidate>
        <h1>Sign in</h1>
        <p class="lead">Receipts and registers of your stores, live.</p>
        ${this.notice && !this.error ? html`<div class="notice">${this.notice}</div>` : nothing}
        ${this.error
          ? html`<div class="error" role="alert" data-testid="login-error" data-code=${this.error.code ?? ""}>
              ${icons.alert}
              <div>${this.error.message}${this.error.code ? html`<span class="code">${this.error.code}</span>` : nothing}</div>
            </div>`
          : nothing}
        <div class="field">
          <label for="email">E-mail</label>
          <input id="email" type="email" name="email" autocomplete="username" inputmode="email" data-testid="login-email" aria-invalid=${this.invalid === "email"} />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input id="password" type="password" name="password" autocomplete="current-password" data-testid="login-password" aria-invalid=${this.invalid === "password"} />
        </div>
        <button class="btn primary submit" type="submit" data-testid="login-submit" ?disabled=${this.busy}>
          ${this.busy ? html`<span class="spinner"></span> Signing in…` : "Sign in"}
        </button>
        ${owner
          ? html`<div class="demo">
              <span>Demo relay: <code>${owner.email}</code> / <code>${owner.password}</code></span>
              <button type="button" class="btn small" @click=${this.useDemo}>Fill in</button>
            </div>`
          : nothing}
      </form>
      <p class="foot">Kasa · local-first point of sale</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-sign-in": BoSignIn;
  }
  interface HTMLElementEventMap {
    "bo-signed-in": SignedInEvent;
  }
}
