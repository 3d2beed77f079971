export { ok, reject, unreachable, REJECTION_CODES, type Result, type Rejection, type RejectionCode } from "./result.js";
export { minor, parseMinor, sum, divRound, formatMoney, minorPerMajor, ZERO, type Minor, type CurrencyCode } from "./money.js";
export {
  newEventId,
  newId,
  isUuid,
  type IdSource,
  type StoreId,
  type RegisterId,
  type ItemId,
  type TaxId,
  type CategoryId,
  type EventId,
  type VariantId,
  type ModifierId,
  type DiscountId,
  type PaymentTypeId,
  type ShiftId,
} from "./ids.js";
export {
  ONE_UNIT,
  MILLI_PERCENT_DENOMINATOR,
  type Catalog,
  type CatalogItem,
  type Category,
  type Tax,
  type TaxMode,
  type SoldBy,
  type Variant,
  type ModifierSet,
  type Discount,
  type PaymentTypeDef,
  MAX_ITEM_OPTIONS,
} from "./catalog.js";
export {
  priceLine,
  totalsOf,
  percentOf,
  type PricedLine,
  type TicketLineInput,
  type TicketTotals,
  type TicketOptions,
  type TicketDiscountInput,
  type LineTax,
  type LineModifier,
  type AppliedDiscount,
} from "./pricing.js";
export { allocate, evenSplit } from "./allocate.js";
export { openShift, moveCash, closeShift, shiftStateOf, shiftReport, shiftIdOf, type ShiftState, type ShiftReport, type ShiftEventContext } from "./shift.js";
export { FIRST_RECEIPT_SEQUENCE, receiptNumber, type Receipt, type ReceiptPayment, type PaymentType } from "./receipt.js";
export {
  EVENT_SCHEMA_VERSION,
  type EventEnvelope,
  type KasaEvent,
  type KasaEventType,
  type SaleCompleted,
  type RefundCompleted,
  type RefundReceipt,
  type ReceiptEmailRequested,
  type ShiftOpened,
  type ShiftCashMoved,
  type ShiftClosed,
} from "./events.js";
export { completeSale, priceTicket, settle, pointsEarned, DEFAULT_LOYALTY_MILLI_PERCENT, POINTS_DISCOUNT_ID, type SaleContext, type SaleInput, type PaymentInput } from "./sale.js";
export { parseEvent, kasaEventSchema } from "./event-schema.js";
export { businessDay, type BusinessDay } from "./business-day.js";
export { refundSale, refundedSoFar, NOTHING_REFUNDED, type RefundInput, type RefundLineInput, type RefundContext, type RefundedLine, type RefundedSoFar } from "./refund.js";
export { requestReceiptEmail } from "./receipt-email.js";
