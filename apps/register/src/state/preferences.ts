import { Observable } from "./observable.js";

/** Receipt printers: 58 mm rolls (48 mm printable) or 80 mm rolls (72 mm printable). */
export type PaperWidth = "58" | "80";

export const PAPER_KEY = "kasa.register.paper";

/** Per-device settings the cashier changes in the ⋮ menu; remembered in localStorage. */
export class PreferencesModel extends Observable {
  readonly #storage: Pick<Storage, "getItem" | "setItem"> | undefined;
  #paper: PaperWidth;

  constructor(storage?: Pick<Storage, "getItem" | "setItem">) {
    super();
    this.#storage = storage;
    const stored = read(storage, PAPER_KEY);
    // 80 mm is what most counter printers take.
    this.#paper = stored === "58" ? "58" : "80";
  }

  get paper(): PaperWidth {
    return this.#paper;
  }

  setPaper(paper: PaperWidth): void {
    this.#paper = paper;
    try {
      this.#storage?.setItem(PAPER_KEY, paper);
    } catch {
      // Private mode: the choice holds for this page only.
    }
    this.notify();
  }
}

function read(storage: Pick<Storage, "getItem"> | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}
