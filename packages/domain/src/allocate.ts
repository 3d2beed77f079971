/**
 * Splits `amount` into parts proportional to `weights` that add up to `amount` exactly
 * (largest remainder; ties go to the earlier part, so the split is deterministic). With all
 * weights zero the amount is split evenly. Used to spread a ticket discount over its lines.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((a, b) => a + b, 0);
  const w = total === 0 ? weights.map(() => 1) : weights;
  const wTotal = total === 0 ? weights.length : total;
  const parts = w.map((x) => Math.floor((amount * x) / wTotal));
  let rest = amount - parts.reduce((a, b) => a + b, 0);
  const order = w
    .map((x, i) => ({ i, frac: (amount * x) % wTotal }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k]!.i]! += 1;
  return parts;
}

/** `total` split into `n` payments that differ by at most one minor unit, larger ones first (split payment's even split). */
export function evenSplit(total: number, n: number): number[] {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError("n must be a positive integer");
  return allocate(total, Array.from({ length: n }, () => 1));
}
