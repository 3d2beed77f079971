import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { localized, msg, str } from "@lit/localize";
import type { Catalog, CatalogItem, Category } from "@kasa/domain";
import { safeColor, type Formatters } from "../lib/format.js";
import { firstWindow, gridWindow, sameWindow, type GridGeometry, type GridWindow } from "../lib/grid-window.js";
import { gridItems, searchItems } from "../lib/item-lookup.js";
import { hasVariants } from "../lib/item-options.js";
import { shared } from "../styles/shared.js";
import { icons } from "../icons.js";

const ALL = "";

/** Enter in the search field: a code to look up, and the only item the search shows, if just one. The handler sets `handled`. */
export interface CodeEntered {
  readonly code: string;
  readonly only?: CatalogItem;
  handled: boolean;
}
const FALLBACK_COLOR = "#64748b";

/**
 * Search, category tabs and the item tiles. Big catalogs scroll; the page buttons move one screenful
 * at a time for cashiers who would rather tap than swipe. Only the rows on and around the screen are
 * in the page (lib/grid-window.ts): a catalog of thousands of items costs what a screenful does.
 * Emits `item-pick` (detail: the catalog item) and `code-entered` (detail: CodeEntered) on Enter in
 * the search field.
 */
@localized()
@customElement("register-item-grid")
export class RegisterItemGrid extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr) auto;
        grid-template-columns: minmax(0, 1fr);
        min-height: 0;
        background: var(--kasa-bg);
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 14px 20px 10px;
      }
      .search {
        position: relative;
        flex: 0 1 260px;
        min-width: 160px;
      }
      .search svg {
        position: absolute;
        left: 12px;
        top: 50%;
        transform: translateY(-50%);
        color: var(--kasa-text-subtle);
        pointer-events: none;
      }
      .search input {
        min-height: 44px;
        padding-left: 40px;
        padding-right: 40px;
        font-size: 15px;
        border-radius: 999px;
      }
      .search .clear {
        position: absolute;
        right: 0;
        top: 0;
        border-radius: 999px;
      }
      .tabs {
        display: flex;
        flex: 1;
        gap: 8px;
        min-width: 0;
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
      .results {
        flex: 1;
        font-size: 14px;
        color: var(--kasa-text-muted);
      }
      .scroll {
        overflow-y: auto;
        padding: 4px 20px 20px;
        overscroll-behavior: contain;
        scroll-behavior: smooth;
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
        gap: 6px;
        padding: 0 10px;
        background: var(--tile);
        background-image: linear-gradient(135deg, rgba(255, 255, 255, 0.18), rgba(0, 0, 0, 0.06));
      }
      .tag {
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
      .tag.out {
        background: var(--kasa-warn);
        color: #fff;
      }
      .tag svg {
        width: 14px;
        height: 14px;
      }
      .label {
        display: grid;
        align-content: space-between;
        gap: 6px;
        padding: 10px 12px 12px;
      }
      /* Every tile is as tall as one with a two-line name and a one-line price: rows of equal
         height are what lets the grid render only the rows on screen. */
      .name {
        min-height: 2.5em;
        font-size: 16px;
        font-weight: 650;
        line-height: 1.25;
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .price {
        overflow: hidden;
        font-size: 14px;
        color: var(--kasa-text-muted);
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
        text-overflow: ellipsis;
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
      .pager {
        display: flex;
        align-items: center;
        justify-content: flex-end;
        gap: 8px;
        padding: 8px 20px 12px;
        border-top: 1px solid var(--kasa-border);
        font-size: 14px;
        color: var(--kasa-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .pager .icon-btn svg {
        transform: rotate(90deg);
      }
      .pager .icon-btn.down svg {
        transform: rotate(-90deg);
      }
      @media (max-width: 900px) {
        .bar {
          flex-wrap: wrap;
        }
        .search {
          flex: 1 1 100%;
        }
      }
      @media (max-width: 720px) {
        .bar {
          padding: 10px 12px 8px;
        }
        /* Phones scroll with a swipe; the page buttons would only take room. */
        .pager {
          display: none;
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
  /** Live on-hand stock of tracked items (milli-units), only while online with the store's stock warning on. */
  @property({ attribute: false }) stock: Readonly<Record<string, number>> | undefined;
  @state() private category = ALL;
  @state() private query = "";
  @state() private page = { index: 0, count: 1 };
  @query(".scroll") private scroller!: HTMLElement;
  @query(".grid") private gridEl!: HTMLElement | null;

  #categories: Category[] = [];
  #visible: CatalogItem[] = [];
  #resize: ResizeObserver | undefined;
  /** The slice of #visible in the page. */
  #window: GridWindow = firstWindow(0);
  /** Columns and row height as last measured; undefined until tiles were laid out (or after a resize). */
  #geometry: (GridGeometry & { readonly top: number }) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize = new ResizeObserver(() => {
      // Another width may mean other columns: measure again, then re-slice.
      this.#geometry = undefined;
      this.#slide();
      this.#measure();
    });
  }

  override disconnectedCallback(): void {
    this.#resize?.disconnect();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!changed.has("catalog") && !changed.has("category") && !changed.has("query")) return;
    const catalog = this.catalog;
    if (!catalog) return;
    const locale = this.formatters?.locale;
    const collator = new Intl.Collator(locale);
    const used = new Set(Object.values(catalog.items).map((i) => i.categoryId));
    this.#categories = Object.values(catalog.categories)
      .filter((c) => used.has(c.id))
      .sort((a, b) => collator.compare(a.name, b.name));
    if (this.category !== ALL && !this.#categories.some((c) => c.id === this.category)) this.category = ALL;
    // A search looks through every category: the cashier is looking for one thing, wherever it is.
    this.#visible = this.query.trim() ? searchItems(gridItems(catalog, ALL, locale), this.query) : gridItems(catalog, this.category, locale);
    const fromTop = changed.has("category") || changed.has("query") || !this.scroller;
    this.#window = this.#geometry
      ? gridWindow(this.#visible.length, this.#geometry, fromTop ? 0 : this.scroller.scrollTop - this.#geometry.top, this.scroller.clientHeight)
      : firstWindow(this.#visible.length);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has("category") || changed.has("query")) this.scroller?.scrollTo({ top: 0, behavior: "instant" });
    if (this.scroller && this.#resize) this.#resize.observe(this.scroller);
    this.#slide();
    this.#measure();
  }

  /** Re-slices the tiles for where the grid is scrolled to; re-renders only when the slice changed. */
  #slide(): void {
    const el = this.scroller;
    if (!el) return;
    const g = (this.#geometry ??= this.#measureGeometry());
    if (!g) return;
    const next = gridWindow(this.#visible.length, g, el.scrollTop - g.top, el.clientHeight);
    if (sameWindow(next, this.#window)) return;
    this.#window = next;
    this.requestUpdate();
  }

  /** Columns (the resolved grid tracks), row height (a rendered tile's) and where the grid starts in the scroller. */
  #measureGeometry(): (GridGeometry & { readonly top: number }) | undefined {
    const grid = this.gridEl;
    const tile = grid?.querySelector<HTMLElement>(".tile");
    if (!grid || !tile) return undefined;
    const style = getComputedStyle(grid);
    const columns = style.gridTemplateColumns.split(" ").filter((t) => t !== "").length;
    const rowGap = parseFloat(style.rowGap) || 0;
    const height = tile.getBoundingClientRect().height;
    if (columns < 1 || height <= 0) return undefined;
    const top = grid.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top + this.scroller.scrollTop;
    return { columns, rowPitch: height + rowGap, rowGap, top };
  }

  readonly #onScroll = (): void => {
    this.#slide();
    this.#measure();
  };

  protected override render() {
    const f = this.formatters;
    if (!this.catalog || !f) return nothing;
    const searching = this.query.trim() !== "";
    return html`<div class="bar">
        <label class="search">
          ${icons.search}
          <input
            class="input"
            type="search"
            data-testid="item-search"
            placeholder=${msg("Name, SKU or barcode")}
            aria-label=${msg("Search items")}
            autocomplete="off"
            .value=${this.query}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
            @keydown=${this.#searchKey}
          />
          ${searching
            ? html`<button class="icon-btn clear" aria-label=${msg("Clear search")} @click=${() => (this.query = "")}>${icons.close}</button>`
            : nothing}
        </label>
        ${searching
          ? html`<div class="results" role="status">${msg(str`Results for “${this.query.trim()}”`)}</div>`
          : html`<div class="tabs" role="tablist" aria-label=${msg("Categories")}>
              ${this.#tab(ALL, msg("All"), undefined)} ${this.#categories.map((c) => this.#tab(c.id, c.name, c.color))}
            </div>`}
      </div>
      <div class="scroll" @scroll=${this.#onScroll}>
        ${this.#visible.length === 0
          ? html`<div class="empty">
              ${icons.store}
              ${searching
                ? html`<strong>${msg("No item matches")}</strong><span>${msg("Try part of the name, the SKU or the barcode.")}</span>`
                : html`<strong>${msg("No items yet")}</strong><span>${msg("Items are added in the back office and appear here automatically.")}</span>`}
            </div>`
          : this.#grid(f)}
      </div>
      ${this.page.count > 1
        ? html`<nav class="pager" aria-label=${msg("Pages")}>
            <span data-testid="page-indicator">${msg(str`Page ${this.page.index + 1} of ${this.page.count}`)}</span>
            <button class="icon-btn outlined" data-testid="page-up" aria-label=${msg("Previous page")} ?disabled=${this.page.index === 0} @click=${() => this.#turn(-1)}>
              ${icons.back}
            </button>
            <button
              class="icon-btn outlined down"
              data-testid="page-down"
              aria-label=${msg("Next page")}
              ?disabled=${this.page.index >= this.page.count - 1}
              @click=${() => this.#turn(1)}
            >
              ${icons.back}
            </button>
          </nav>`
        : nothing}`;
  }

  /** The rendered slice of tiles; padding stands in for the rows above and below it. */
  #grid(f: Formatters) {
    const w = this.#window;
    const end = Math.min(w.end, this.#visible.length);
    return html`<div class="grid" data-testid="item-grid" data-items=${this.#visible.length} style="padding:${w.padTop}px 0 ${w.padBottom}px">
      ${this.#visible.slice(w.start, end).map((item) => this.#tile(item, f))}
    </div>`;
  }

  #tab(id: string, name: string, color: string | undefined) {
    return html`<button class="tab" role="tab" data-testid="category-tab" data-category=${id || "all"} aria-selected=${this.category === id ? "true" : "false"} @click=${() => (this.category = id)}>
      ${color ? html`<span class="swatch" style="background:${safeColor(color, FALLBACK_COLOR)}"></span>` : nothing}${name}
    </button>`;
  }

  #tile(item: CatalogItem, f: Formatters) {
    const weighed = item.soldBy === "weight";
    const variants = hasVariants(item);
    const from = variants ? Math.min(...(item.variants ?? []).map((v) => v.price ?? item.price)) : item.price;
    return html`<button
      class="tile"
      data-testid="item-tile"
      data-item-id=${item.id}
      data-sold-by=${item.soldBy}
      style="--tile:${safeColor(item.color ?? this.catalog?.categories[item.categoryId ?? ""]?.color, FALLBACK_COLOR)}"
      @click=${() => this.dispatchEvent(new CustomEvent("item-pick", { detail: item }))}
    >
      <span class="swatch-block" aria-hidden="true">
        ${weighed ? html`<span class="tag">${icons.scale} ${msg("per kg")}</span>` : nothing}
        ${variants ? html`<span class="tag">${icons.layers} ${msg("options")}</span>` : nothing}
        ${this.stock?.[item.id] !== undefined
          ? html`<span class="tag ${this.stock[item.id]! <= 0 ? "out" : ""}" data-testid="item-stock"
              >${msg(str`${f.quantity(this.stock[item.id]!, item.soldBy)} in stock`)}</span
            >`
          : nothing}
      </span>
      <span class="label">
        <span class="name">${item.name}</span>
        <span class="price">${variants ? msg(str`from ${f.money(from)}`) : f.money(item.price)}${weighed ? " / kg" : ""}</span>
      </span>
    </button>`;
  }

  /** Enter in the search field adds the only match (or an exact code match), like a scan. */
  #searchKey(e: KeyboardEvent): void {
    if (e.key === "Escape") {
      this.query = "";
      return;
    }
    if (e.key !== "Enter" || !this.query.trim()) return;
    e.preventDefault();
    const detail: CodeEntered = { code: this.query.trim(), ...(this.#visible.length === 1 ? { only: this.#visible[0]! } : {}), handled: false };
    this.dispatchEvent(new CustomEvent("code-entered", { detail }));
    if (detail.handled) this.query = "";
  }

  #turn(direction: 1 | -1): void {
    const el = this.scroller;
    if (!el) return;
    el.scrollBy({ top: direction * pageStep(el) });
  }

  readonly #measure = (): void => {
    const el = this.scroller;
    if (!el) return;
    const pageHeight = pageStep(el);
    const count = el.scrollHeight <= el.clientHeight + 1 ? 1 : Math.ceil((el.scrollHeight - el.clientHeight) / pageHeight) + 1;
    const index = el.scrollTop + el.clientHeight >= el.scrollHeight - 1 ? count - 1 : Math.min(count - 1, Math.round(el.scrollTop / pageHeight));
    if (count !== this.page.count || index !== this.page.index) this.page = { index, count };
  };
}

/** One screenful less a little, so the cashier sees where the previous page ended. */
function pageStep(el: HTMLElement): number {
  return Math.max(1, Math.round(el.clientHeight * 0.85));
}

declare global {
  interface HTMLElementTagNameMap {
    "register-item-grid": RegisterItemGrid;
  }
}
