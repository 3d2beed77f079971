export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * Delay before retry number `failures` (0 = first retry after a failure): uniform in [initialMs, ceiling], the
 * ceiling doubling per failure up to maxMs. Full jitter spreads a fleet of registers that all lost the relay at the
 * same instant (relay restart) so they don't reconnect in lockstep; the floor keeps a broken relay from being
 * hammered by near-zero delays.
 */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number): number {
  const initialMs = Math.max(0, options.initialMs);
  const maxMs = Math.max(initialMs, options.maxMs);
  // Capping the exponent keeps 2 ** n finite however long the relay stays down.
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(Math.max(0, failures) + 1, 30));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0.5;
  return Math.round(initialMs + unit * (ceiling - initialMs));
}
