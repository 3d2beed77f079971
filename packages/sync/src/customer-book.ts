import type { AutomergeUrl, DocHandle, Repo } from "@automerge/automerge-repo/slim";
import { readCustomers, type Customer } from "@kasa/documents";

/**
 * The store's customers as this register keeps them: a read-only offline copy of the customers
 * document the relay writes (DESIGN O7). Searching and attaching work with no connection.
 */
export class CustomerBook {
  #handle: DocHandle<unknown> | undefined;
  #customers: readonly Customer[] = [];

  constructor(
    private readonly repo: Repo,
    private readonly onChange: () => void,
  ) {}

  get all(): readonly Customer[] {
    return this.#customers;
  }

  /** Opens (or switches to) the customers document named by the store document; a missing one is retried on the next call. */
  async open(url: string | undefined): Promise<void> {
    if (!url || this.#handle?.url === url) return;
    const handle = await this.repo.find<unknown>(url as AutomergeUrl).catch(() => undefined);
    if (!handle || this.#handle?.url === url) return;
    this.#handle = handle;
    const read = () => {
      try {
        this.#customers = readCustomers(handle.doc()).sort((a, b) => a.name.localeCompare(b.name));
      } catch {
        // A document we can't read yet (still loading) reads as empty rather than breaking the till.
        this.#customers = [];
      }
    };
    read();
    handle.on("change", () => {
      read();
      this.onChange();
    });
    this.onChange();
  }

  /** Customers matching a name, phone (3+ digits), e-mail or customer code. */
  find(query: string, limit = 50): Customer[] {
    const q = query.trim().toLowerCase();
    if (!q) return this.#customers.slice(0, limit);
    const digits = q.replace(/[^\d]/g, "");
    return this.#customers
      .filter(
        (c) =>
          c.name.toLowerCase().includes(q) ||
          (c.email ?? "").toLowerCase().includes(q) ||
          (c.code ?? "").toLowerCase().includes(q) ||
          (digits.length >= 3 && (c.phone ?? "").replace(/[^\d]/g, "").includes(digits)),
      )
      .slice(0, limit);
  }
}
