export { RegisterSession } from "./register-session.js";
export type { RegisterSessionOptions, RegisterSnapshot, LocalReceipt, LocalRefund, SaleFailure, SessionFailure, ShiftView } from "./session-types.js";
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
export { journalProblem, type DamagedJournal, type JournalProblem } from "./journal-health.js";
export { salvageJournal, DAMAGED_CHUNK_PREFIX } from "./journal-salvage.js";
export { CheckedStorageAdapter, type SetAsideChunk } from "./checked-storage.js";
export { chunkDamage } from "./chunk-check.js";
export { RelayApi, earlierRefunds, type RelayApiFailure, type RelayApiResult, type RefundApproval, type CustomerRecord, type CustomerInput, type StoreReceiptHit } from "./relay-api.js";
export { flushAndShutdown } from "./repo-shutdown.js";
