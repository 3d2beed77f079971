/**
 * Redeeming a customer's loyalty points on the charge screen (DESIGN O7, D30): online only, 1 point
 * = 1 minor unit off the total. The relay keeps the balance and refuses more than it
 * (INSUFFICIENT_POINTS); here only what the relay can't know is checked first — a whole positive
 * number, not more than the ticket — so points are never spent on a sale that could not use them.
 */

export type PointsParse = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly code: "POINTS_INVALID"; readonly message: string };

/** The cashier's text as a points count: digits only, more than zero. */
export function parsePoints(text: string): PointsParse {
  const t = text.trim();
  const value = /^\d{1,9}$/.test(t) ? Number(t) : NaN;
  return Number.isSafeInteger(value) && value > 0 ? { ok: true, value } : { ok: false, code: "POINTS_INVALID", message: "Enter a whole number of points" };
}

/** What the field offers first: the whole balance, but never more than the ticket. */
export function suggestedPoints(balance: number, total: number): number {
  return Math.max(0, Math.min(balance, total));
}

/**
 * One request id per attempt to redeem a given number of points for a given customer: a retry
 * after a lost answer (no connection, timeout) reuses it, so the relay applies it once; anything
 * the relay answered ends the attempt.
 */
export class RedemptionAttempt {
  #key: string | undefined;
  #requestId: string | undefined;

  constructor(private readonly newId: () => string = () => crypto.randomUUID()) {}

  requestIdFor(customerId: string, points: number): string {
    const key = `${customerId}:${points}`;
    if (this.#key !== key || !this.#requestId) {
      this.#key = key;
      this.#requestId = this.newId();
    }
    return this.#requestId;
  }

  /** After an answer: keep the id only when the relay may not have seen the request. */
  settle(outcome: { ok: true } | { ok: false; code: string }): void {
    if (!outcome.ok && (outcome.code === "NO_CONNECTION" || outcome.code === "BAD_RESPONSE")) return;
    this.#key = undefined;
    this.#requestId = undefined;
  }
}

/** What became of redeemed points a ticket gave up (relay RL52). */
export type PointsReturn =
  /** The relay gave them back (or never spent them): the customer can spend them again now. */
  | { readonly kind: "returned"; readonly points: number; readonly balance?: number }
  /** Offline, or the relay could not be asked: it gives them back by itself after a while. */
  | { readonly kind: "later"; readonly points: number; readonly code: string }
  /** A sale carrying them already reached the relay (another register charged the ticket): they stay spent. */
  | { readonly kind: "used"; readonly points: number };

/** The part of the session that gives points back (RegisterSession.releasePoints). */
export interface PointsReleaser {
  releasePoints(redemptionId: string): Promise<{ ok: true; value: { balance: number } } | { ok: false; error: { code: string } }>;
}

/**
 * Asks the relay to give back points no sale will use. Offline the session answers NO_CONNECTION at
 * once and nothing is queued: the relay releases an unused redemption by itself (its
 * pointsRedemptionTtlMs), so the points are never lost, only late.
 */
export async function returnPoints(session: PointsReleaser, redemption: { readonly points: number; readonly redemptionId: string }): Promise<PointsReturn> {
  let result: Awaited<ReturnType<PointsReleaser["releasePoints"]>>;
  try {
    result = await session.releasePoints(redemption.redemptionId);
  } catch (error) {
    result = { ok: false, error: { code: error instanceof Error ? error.name : "RELEASE_FAILED" } };
  }
  if (result.ok) return { kind: "returned", points: redemption.points, balance: result.value.balance };
  if (result.error.code === "REDEMPTION_USED") return { kind: "used", points: redemption.points };
  // The relay never recorded the redemption (its answer was lost before it ran): nothing was spent.
  if (result.error.code === "UNKNOWN_REDEMPTION") return { kind: "returned", points: redemption.points };
  return { kind: "later", points: redemption.points, code: result.error.code };
}
