import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Catalog, CatalogItem, Category } from "@kasa/domain";
import { safeColor, type Formatters } from "../lib/format.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

const ALL = "__all__";
const FALLBACK_COLOR = "#64748b";

/** Category tabs and the item tiles. Emits `item-pick` (detail: the catalog item). */
@customElement("register-item-grid")
export class RegisterItemGrid extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr);
        min-height: 0;
        background: var(--kasa-bg);
      }
      .tabs {
        display: flex;
        gap: 8px;
        padding: 16px 20px 12px;
        overflow-x: auto;
        scrollbar-width: none;
      }
      .tabs::-webkit-scrollbar {
        display: none;
      }
      .tab {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        flex: none;
        min-height: 44px;
        padding: 0 18px;
        border: 1px solid var(--kasa-border);
        border-radius: 999px;
        background: var(--kasa-surface);
        color: var(--kasa-text-muted);
        font-size: 15px;
        font-weight: 600;
        cursor: pointer;
      }
      .tab .swatch {
        width: 10px;
        height: 10px;
        border-radius: 50%;
      }
      .tab[aria-selected="true"] {
        background: var(--kasa-text);
        border-color: var(--kasa-text);
        color: #fff;
      }
      .scroll {
        overflow-y: auto;
        padding: 4px 20px 24px;
        overscroll-behavior: contain;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(138px, 1fr));
        gap: 12px;
      }
      .tile {
        display: grid;
        grid-template-rows: 40px auto;
        min-height: 112px;
        padding: 0;
        overflow: hidden;
        border: 1px solid var(--kasa-border);
        border-radius: var(--kasa-radius);
        background: var(--kasa-surface);
        box-shadow: var(--kasa-shadow);
        text-align: left;
        cursor: pointer;
        transition: transform 80ms ease, box-shadow 120ms ease, border-color 120ms ease;
      }
      .tile:hover {
        border-color: var(--kasa-border-strong);
        box-shadow: 0 4px 14px rgba(16, 24, 40, 0.1);
      }
      .tile:active {
        transform: scale(0.98);
      }
      .tile:focus-visible {
        outline: 3px solid var(--kasa-primary-ring);
        outline-offset: 2px;
      }
      .swatch-block {
        display: flex;
        align-items: center;
        justify-content: flex-end;
        padding: 0 10px;
        background: var(--tile);
        background-image: linear-gradient(135deg, rgba(255, 255, 255, 0.18), rgba(0, 0, 0, 0.06));
      }
      .per-kg {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        height: 22px;
        padding: 0 8px 0 6px;
        border-radius: 999px;
        background: rgba(255, 255, 255, 0.9);
        color: var(--kasa-text);
        font-size: 11px;
        font-weight: 700;
      }
      .per-kg svg {
        width: 14px;
        height: 14px;
      }
      .label {
        display: grid;
        align-content: space-between;
        gap: 6px;
        padding: 10px 12px 12px;
      }
      .name {
        font-size: 16px;
        font-weight: 650;
        line-height: 1.25;
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .price {
        font-size: 14px;
        color: var(--kasa-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .empty {
        display: grid;
        place-items: center;
        gap: 8px;
        padding: 64px 24px;
        color: var(--kasa-text-muted);
        text-align: center;
      }
      .empty strong {
        color: var(--kasa-text);
        font-size: 17px;
      }
      @media (max-width: 720px) {
        .tabs {
          padding: 12px 12px 8px;
        }
        .scroll {
          padding: 4px 12px 16px;
        }
        .grid {
          grid-template-columns: repeat(auto-fill, minmax(108px, 1fr));
          gap: 8px;
        }
        .tile {
          grid-template-rows: 28px auto;
          min-height: 96px;
        }
      }
    `,
  ];

  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) formatters: Formatters | undefined;
  @state() private category = ALL;

  #categories: Category[] = [];
  #visible: CatalogItem[] = [];

  protected override willUpdate(changed: PropertyValues): void {
    if (!changed.has("catalog") && !changed.has("category")) return;
    const catalog = this.catalog;
    // Documents keep maps in key order (ids); cashiers look for names, so both lists go alphabetically.
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, this.formatters?.locale);
    const items = catalog ? Object.values(catalog.items).sort(byName) : [];
    const used = new Set(items.map((i) => i.categoryId));
    this.#categories = catalog ? Object.values(catalog.categories).filter((c) => used.has(c.id)).sort(byName) : [];
    if (this.category !== ALL && !this.#categories.some((c) => c.id === this.category)) this.category = ALL;
    this.#visible = this.category === ALL ? items : items.filter((i) => i.categoryId === this.category);
  }

  protected override render() {
    const f = this.formatters;
    if (!this.catalog || !f) return nothing;
    return html`<div class="tabs" role="tablist" aria-label="Categories">
        ${this.#tab(ALL, "All", undefined)} ${this.#categories.map((c) => this.#tab(c.id, c.name, c.color))}
      </div>
      <div class="scroll">
        ${this.#visible.length === 0
          ? html`<div class="empty">
              ${icons.store}<strong>No items yet</strong><span>Items are added in the back office and appear here automatically.</span>
            </div>`
          : html`<div class="grid">${this.#visible.map((item) => this.#tile(item, f))}</div>`}
      </div>`;
  }

  #tab(id: string, name: string, color: string | undefined) {
    return html`<button class="tab" role="tab" data-testid="category-tab" data-category=${id} aria-selected=${this.category === id ? "true" : "false"} @click=${() => (this.category = id)}>
      ${color ? html`<span class="swatch" style="background:${safeColor(color, FALLBACK_COLOR)}"></span>` : nothing}${name}
    </button>`;
  }

  #tile(item: CatalogItem, f: Formatters) {
    const weighed = item.soldBy === "weight";
    return html`<button
      class="tile"
      data-testid="item-tile"
      data-item-id=${item.id}
      data-sold-by=${item.soldBy}
      style="--tile:${safeColor(item.color ?? this.catalog?.categories[item.categoryId ?? ""]?.color, FALLBACK_COLOR)}"
      @click=${() => this.dispatchEvent(new CustomEvent("item-pick", { detail: item }))}
    >
      <span class="swatch-block" aria-hidden="true">${weighed ? html`<span class="per-kg">${icons.scale} per kg</span>` : nothing}</span>
      <span class="label">
        <span class="name">${item.name}</span>
        <span class="price">${f.money(item.price)}${weighed ? " / kg" : ""}</span>
      </span>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-item-grid": RegisterItemGrid;
  }
}
