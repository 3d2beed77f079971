import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { api, asApiError } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { reportStyles } from "./bo-report-kit.js";
import { icons } from "./icons.js";
import { SessionExpiredEvent } from "./app-events.js";
import { t } from "./strings.js";

/** Predefined open-ticket names (store settings `ticketNames`): add, reorder, remove; each change is saved at once. */
@customElement("bo-ticket-names-page")
export class BoTicketNamesPage extends LitElement {
  static override styles = [
    base,
    pageHeader,
    reportStyles,
    css`
      .add {
        display: flex;
        gap: 10px;
        padding: 16px;
        margin-bottom: 16px;
        align-items: center;
      }
      .add {
        flex-wrap: wrap;
      }
      .add input {
        width: 280px;
        min-width: 0;
        flex: 0 1 280px;
      }
      .add .msg {
        font-size: 13.5px;
      }
      .add .msg.bad {
        color: var(--bo-danger);
      }
      .add .msg.ok {
        color: #15803d;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        align-items: center;
        gap: 10px;
        padding: 8px 12px 8px 16px;
        border-bottom: 1px solid var(--bo-border);
        min-height: 48px;
      }
      li:last-child {
        border-bottom: 0;
      }
      li .n {
        width: 28px;
        color: var(--bo-text-4);
        font-variant-numeric: tabular-nums;
        font-size: 13px;
      }
      li .name {
        flex: 1;
        font-weight: 500;
      }
      .btn.icon-only {
        width: 32px;
        padding: 0;
      }
    `,
  ];

  @property() storeId = "";
  @state() private names: string[] | undefined;
  @state() private input = "";
  @state() private message: { tone: "ok" | "bad"; text: string } | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("storeId") && this.storeId)
      api.settings(this.storeId).then(
        (r) => (this.names = [...r.settings.ticketNames]),
        (e: unknown) => this.fail(e),
      );
  }

  private fail(e: unknown): void {
    const err = asApiError(e);
    if (err.unauthenticated) this.dispatchEvent(new SessionExpiredEvent());
    this.message = { tone: "bad", text: err.message };
  }

  private async store(next: string[]): Promise<void> {
    try {
      const { settings } = await api.updateSettings(this.storeId, { ticketNames: next });
      this.names = [...(settings.ticketNames ?? next)];
      this.message = { tone: "ok", text: t.catalog.ticketNames.saved };
    } catch (e) {
      this.fail(e);
    }
  }

  private async add(e: Event): Promise<void> {
    e.preventDefault();
    const name = this.input.trim();
    if (!name || !this.names) return;
    if (this.names.some((n) => n.toLowerCase() === name.toLowerCase())) {
      this.message = { tone: "bad", text: t.catalog.ticketNames.duplicate };
      return;
    }
    this.input = "";
    await this.store([...this.names, name]);
  }

  private move(i: number, by: -1 | 1): Promise<void> {
    const next = [...this.names!];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    return this.store(next);
  }

  override render(): TemplateResult {
    const names = this.names;
    return html`<div class="page-header">
        <div><h1>${t.catalog.ticketNames.title}</h1><p>${t.catalog.ticketNames.lead}</p></div>
      </div>
      <form class="card add" @submit=${(e: Event) => this.add(e)}>
        <input type="text" data-testid="ticket-name-input" maxlength="60" placeholder=${t.catalog.ticketNames.placeholder} aria-label=${t.catalog.ticketNames.add} .value=${this.input} @input=${(e: Event) => (this.input = (e.target as HTMLInputElement).value)} />
        <button type="submit" class="btn primary" data-testid="ticket-name-add" ?disabled=${!names}>${icons.plus}${t.catalog.ticketNames.add}</button>
        ${this.message ? html`<span class="msg ${this.message.tone}" data-testid="ticket-names-message">${this.message.text}</span>` : nothing}
      </form>
      <div class="card">
        ${!names
          ? html`<div class="loading">${t.common.loading}</div>`
          : names.length === 0
            ? html`<div class="empty">${t.catalog.ticketNames.empty}</div>`
            : html`<ol data-testid="ticket-names">
                ${names.map(
                  (n, i) => html`<li data-testid="ticket-name" data-name=${n}>
                    <span class="n">${i + 1}.</span><span class="name">${n}</span>
                    <button class="btn small ghost icon-only" title=${t.catalog.ticketNames.up} aria-label=${t.catalog.ticketNames.up} ?disabled=${i === 0} @click=${() => this.move(i, -1)}>${icons.chevronUp}</button>
                    <button class="btn small ghost icon-only" title=${t.catalog.ticketNames.down} aria-label=${t.catalog.ticketNames.down} ?disabled=${i === names.length - 1} @click=${() => this.move(i, 1)}>${icons.chevronDown}</button>
                    <button class="btn small ghost" data-testid="ticket-name-remove" @click=${() => this.store(names.filter((_, j) => j !== i))}>${t.catalog.remove}</button>
                  </li>`,
                )}
              </ol>`}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-ticket-names-page": BoTicketNamesPage;
  }
}
