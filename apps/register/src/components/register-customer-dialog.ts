import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { CustomerInput, RegisterSession, SessionFailure } from "@kasa/sync";
import { ObserveController } from "../controllers/observe-controller.js";
import { errorText } from "../i18n/errors.js";
import { dialogStyles } from "../styles/dialog.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

type Customer = RegisterSession["snapshot"]["customers"][number];

/**
 * The customer on the ticket (DESIGN O7): search the store's customers — offline too, from the
 * replicated list — and attach one; register a new customer or edit one only online (the relay
 * keeps e-mails and codes unique). Emits `customer-attach` (detail: customer id | undefined) and
 * `customer-close`.
 */
@localized()
@customElement("register-customer-dialog")
export class RegisterCustomerDialog extends LitElement {
  static override styles = [
    shared,
    dialogStyles,
    css`
      dialog {
        --dialog-width: 520px;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 6px;
        max-height: 300px;
        overflow-y: auto;
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 10px;
        align-items: center;
        padding: 8px 10px;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius-sm);
      }
      li[aria-current="true"] {
        border-color: var(--kasa-primary);
        background: var(--kasa-primary-soft);
      }
      .name {
        font-weight: 650;
      }
      .meta {
        font-size: 13px;
        color: var(--kasa-text-muted);
      }
      .points {
        font-weight: 650;
        color: var(--kasa-primary);
      }
      .reason {
        font-size: 14px;
        font-weight: 600;
        color: var(--kasa-warn);
      }
      .row {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
      }
      .empty {
        font-size: 14px;
        color: var(--kasa-text-muted);
      }
    `,
  ];

  @property({ attribute: false }) session: RegisterSession | undefined;
  @property() attachedId: string | undefined;
  @state() private query = "";
  /** The form for a new customer (no id) or an edit (with the id). */
  @state() private form: { id?: string; name: string; email: string; phone: string } | undefined;
  @state() private busy = false;
  @state() private error: SessionFailure | undefined;
  @query("dialog") private dialog!: HTMLDialogElement;

  constructor() {
    super();
    // The customers list is live: a customer registered here arrives with the store's copy.
    new ObserveController(this, () => this.session);
  }

  protected override firstUpdated(): void {
    this.dialog.showModal();
  }

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const online = session.snapshot.connection.state === "connected";
    const found: Customer[] = session.findCustomers(this.query, 30);
    return html`<dialog data-testid="customer-dialog" aria-labelledby="customer-title" @cancel=${this.#close}>
      <div class="head">
        <div>
          <h2 id="customer-title">${msg("Customer")}</h2>
          <p>${msg("Search works offline. New customers and edits need a connection.")}</p>
        </div>
        <button type="button" class="icon-btn" aria-label=${msg("Close")} @click=${this.#close}>${icons.close}</button>
      </div>
      <div class="body">
        ${this.form ? this.#formView(online) : this.#searchView(found, online)}
        ${this.error
          ? html`<div class="alert" role="alert" data-testid="customer-error" data-code=${this.error.code}>${icons.alert}<span>${errorText(this.error)}</span></div>`
          : nothing}
      </div>
    </dialog>`;
  }

  #searchView(found: readonly Customer[], online: boolean) {
    return html`<input
        class="input"
        type="search"
        data-testid="customer-search"
        placeholder=${msg("Name, phone, e-mail or card code")}
        .value=${this.query}
        @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
      />
      ${found.length === 0
        ? html`<div class="empty">${msg("No customer matches")}</div>`
        : html`<ul>
            ${found.map(
              (c) => html`<li data-testid="customer-row" data-customer-id=${c.customerId} aria-current=${c.customerId === this.attachedId ? "true" : "false"}>
                <div>
                  <div class="name">${c.name}</div>
                  <div class="meta">${[c.phone, c.email, c.code].filter(Boolean).join(" · ")}</div>
                  <div class="points" data-testid="customer-points">${msg(str`${c.points} points`)}</div>
                </div>
                <div class="row">
                  <button class="btn" data-testid="customer-edit" ?disabled=${!online} title=${online ? "" : msg("Editing customers needs a connection")} @click=${() => this.#edit(c)}>
                    ${msg("Edit")}
                  </button>
                  <button class="btn primary" data-testid="customer-attach" @click=${() => this.#attach(c.customerId)}>${msg("Add to ticket")}</button>
                </div>
              </li>`,
            )}
          </ul>`}
      <div class="row">
        <button class="btn" data-testid="customer-new" ?disabled=${!online} @click=${() => (this.form = { name: this.query.trim(), email: "", phone: "" })}>
          ${icons.plus} ${msg("New customer")}
        </button>
        ${online ? nothing : html`<span class="reason" data-testid="customer-offline-reason">${msg("Registering customers needs a connection")}</span>`}
        ${this.attachedId ? html`<button class="btn" data-testid="customer-detach" @click=${() => this.#attach(undefined)}>${msg("Remove from ticket")}</button>` : nothing}
      </div>`;
  }

  #formView(online: boolean) {
    const form = this.form!;
    const set = (key: "name" | "email" | "phone") => (e: Event) => (this.form = { ...form, [key]: (e.target as HTMLInputElement).value });
    return html`<div class="field">
        <label for="c-name">${msg("Name")}</label>
        <input id="c-name" class="input" data-testid="customer-name" .value=${form.name} @input=${set("name")} />
      </div>
      <div class="field">
        <label for="c-email">${msg("E-mail")}</label>
        <input id="c-email" class="input" type="email" data-testid="customer-email" .value=${form.email} @input=${set("email")} />
      </div>
      <div class="field">
        <label for="c-phone">${msg("Phone")}</label>
        <input id="c-phone" class="input" type="tel" data-testid="customer-phone" .value=${form.phone} @input=${set("phone")} />
      </div>
      <div class="row">
        <button class="btn" @click=${() => ((this.form = undefined), (this.error = undefined))}>${msg("Cancel")}</button>
        <button class="btn primary" data-testid="customer-save" ?disabled=${!online || this.busy || form.name.trim() === ""} @click=${() => void this.#save()}>
          ${form.id ? msg("Save") : msg("Register customer")}
        </button>
        ${online ? nothing : html`<span class="reason">${msg("Registering customers needs a connection")}</span>`}
      </div>`;
  }

  #edit(c: Customer): void {
    this.error = undefined;
    this.form = { id: c.customerId, name: c.name, email: c.email ?? "", phone: c.phone ?? "" };
  }

  async #save(): Promise<void> {
    const session = this.session;
    const form = this.form;
    if (!session || !form || this.busy) return;
    const input: CustomerInput = {
      name: form.name.trim(),
      ...(form.email.trim() ? { email: form.email.trim() } : {}),
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
    };
    this.busy = true;
    const result = form.id ? await session.editCustomer(form.id, input) : await session.registerCustomer(input);
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = undefined;
    this.form = undefined;
    this.query = result.value.name;
    if (!form.id) this.#attach(result.value.customerId);
  }

  #attach(id: string | undefined): void {
    this.dispatchEvent(new CustomEvent("customer-attach", { detail: id }));
  }

  #close(e: Event): void {
    e.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new CustomEvent("customer-close"));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-customer-dialog": RegisterCustomerDialog;
  }
}
