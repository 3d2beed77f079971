/**
 * Tells a barcode scanner from a person at the keyboard. Scanners "type" the code far faster than
 * anyone can (a few ms per character) and end it with Enter; a person types ≥ 80 ms apart. So
 * characters are collected only while they arrive fast, and Enter hands over what was collected.
 */
export interface ScanBufferOptions {
  /** Longest gap between two characters of one scan, in ms. Scanners: 2–30 ms; fast typists: 80+ ms. */
  readonly maxGapMs?: number;
  /** Shortest code accepted: a single fast key followed by Enter is a person pressing Enter. */
  readonly minLength?: number;
}

export class ScanBuffer {
  readonly #maxGapMs: number;
  readonly #minLength: number;
  #chars = "";
  #last = Number.NEGATIVE_INFINITY;

  constructor(o: ScanBufferOptions = {}) {
    this.#maxGapMs = o.maxGapMs ?? 50;
    this.#minLength = o.minLength ?? 3;
  }

  /** Feeds one key (KeyboardEvent.key) at time `at` (ms); returns the scanned code on its final Enter. */
  key(key: string, at: number): string | undefined {
    const fast = at - this.#last <= this.#maxGapMs;
    if (key === "Enter") {
      const code = fast && this.#chars.length >= this.#minLength ? this.#chars : undefined;
      this.reset();
      return code;
    }
    // Modifier keys (Shift for capital letters) arrive between characters: they neither add nor break a scan.
    if (key.length !== 1) return undefined;
    this.#chars = fast ? this.#chars + key : key;
    this.#last = at;
    return undefined;
  }

  reset(): void {
    this.#chars = "";
    this.#last = Number.NEGATIVE_INFINITY;
  }
}
