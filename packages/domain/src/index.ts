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
} from "./catalog.js";
export { priceLine, totalsOf, type PricedLine, type TicketLineInput, type TicketTotals, type LineTax } from "./pricing.js";
export { FIRST_RECEIPT_SEQUENCE, receiptNumber, type Receipt, type ReceiptPayment, type PaymentType } from "./receipt.js";
export { EVENT_SCHEMA_VERSION, type EventEnvelope, type KasaEvent, type KasaEventType, type SaleCompleted } from "./events.js";
export { completeSale, priceTicket, settle, type SaleContext, type SaleInput, type PaymentInput } from "./sale.js";
export { parseEvent, kasaEventSchema } from "./event-schema.js";
export { businessDay, type BusinessDay } from "./business-day.js";
