export { createRelayServer, type RelayServer, type RelayOptions } from "./relay-server.js";
export { configFromEnv, DEFAULT_CONFIG, type RelayConfig } from "./config.js";
export { DEMO_OWNER, DEMO_STORE } from "./demo/demo-store.js";
export { createStore, type NewStore } from "./stores/create-store.js";
export { CLOSE_CODES, HTTP_ERRORS } from "./errors.js";
export { SqliteStorageAdapter } from "./storage/sqlite-storage-adapter.js";
