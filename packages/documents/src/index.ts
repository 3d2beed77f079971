export { toStored, fromStored, toSealed, fromSealed, str, type Stored } from "./immutable.js";
export {
  DOCUMENT_SCHEMA_VERSION,
  type StoreDoc,
  type StoreSettings,
  type RegisterDoc,
  type RegisterEntry,
  type ShiftIndexEntry,
  type JournalDoc,
  type KasaDoc,
  type StoredStoreDoc,
  type StoredRegisterDoc,
  type StoredJournalDoc,
} from "./shapes.js";
export { initialStoreDoc, initialRegisterDoc, initialJournalDoc } from "./create.js";
export { appendEvent, isWritableJournal, JournalDamagedError, reserveSequence, advanceSequence, recordJournal, replaceJournal, putRegisterEntry, recordShiftEvent } from "./change.js";
export { docKind, readStore, readRegister, readJournalHeader, readJournalEvents, journalEventIds, journalsOfDay, allJournalUrls } from "./read.js";
export { unsyncedEventIds } from "./unsynced.js";
export { KASA_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX, tokenFromSubprotocols, DURABLE_ACK_TYPE, type DurableAck } from "./sync-protocol.js";
export {
  initialTicketsDoc,
  saveTicket,
  deleteTicket,
  chargeTicket,
  readTickets,
  type TicketsDoc,
  type TicketEntry,
  type TicketLine,
  type TicketCharge,
  type TicketStatus,
  type TicketView,
} from "./tickets.js";
export { initialCustomersDoc, putCustomer, setCustomerPoints, readCustomers, type CustomersDoc, type Customer } from "./customers.js";
export { sealCatalog, unsealCatalog, type SealedCatalog } from "./sealed-catalog.js";
