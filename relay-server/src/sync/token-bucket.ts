/**
 * A token bucket: `burst` tokens to start with, refilled at `perSecond`. One per inbound frame, so a
 * register catching up may send a burst while a peer that floods is cut off once the bucket is dry.
 * The clock is injected (milliseconds); a clock that stands still only ever allows the burst.
 */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.#tokens = burst;
    this.#at = now();
  }

  take(): boolean {
    const t = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + (Math.max(0, t - this.#at) * this.perSecond) / 1000);
    this.#at = t;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
