import { EVENT_SCHEMA_VERSION, type ReceiptEmailRequested } from "./events.js";
import type { EventId, RegisterId, StoreId } from "./ids.js";
import { ok, reject, type Result } from "./result.js";

// Deliberately loose: the address is checked by a mail server in the end; this catches typos at the till.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** "Send receipt": an event the relay turns into exactly one e-mail once it has it (D28). Works offline. */
export function requestReceiptEmail(
  ctx: { storeId: StoreId; registerId: RegisterId; eventId: EventId; now: number },
  receipt: { eventId: EventId; number: string },
  email: string,
): Result<ReceiptEmailRequested> {
  const address = email.trim();
  if (address.length > 254 || !EMAIL.test(address)) return reject("EMAIL_INVALID", "Enter a valid e-mail address", "email");
  return ok({
    id: ctx.eventId,
    type: "receipt.email-requested",
    storeId: ctx.storeId,
    registerId: ctx.registerId,
    deviceTime: ctx.now,
    schema: EVENT_SCHEMA_VERSION,
    payload: { receiptEventId: receipt.eventId, receiptNumber: receipt.number, email: address },
  });
}
