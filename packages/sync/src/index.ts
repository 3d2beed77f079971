export { RegisterSession, type RegisterSessionOptions, type RegisterSnapshot, type LocalReceipt, type LocalRefund, type SaleFailure, type SessionFailure, type ShiftView } from "./register-session.js";
export { createRegisterRepo, type RegisterRepo, type RegisterRepoOptions } from "./register-repo.js";
export { SyncLedger } from "./ledger.js";
export { pairRegister, pairedRegisterSchema, peerIdFor, syncUrlFor, type PairedRegister, type PairingFailure } from "./paired-register.js";
export {
  RelayClientAdapter,
  KASA_SUBPROTOCOL,
  TOKEN_SUBPROTOCOL_PREFIX,
  type RelayClientAdapterOptions,
  type RelayConnectionState,
  type RelayConnectionStatus,
  type WebSocketConstructor,
} from "./relay-client-adapter.js";
export { TicketBook, type SaveTicketInput, type TicketFailure } from "./ticket-book.js";
export { JournalSet } from "./journal-set.js";
export { RelayApi, earlierRefunds, type RelayApiFailure, type RelayApiResult, type RefundApproval, type CustomerRecord, type CustomerInput, type StoreReceiptHit } from "./relay-api.js";
