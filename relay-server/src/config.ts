import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface RelayConfig {
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly host: string;
  /** Holds documents.sqlite, relay.sqlite and read-model.sqlite. */
  readonly dataDir: string;
  /** Create the demo store on an empty data folder and expose the demo helpers. */
  readonly demo: boolean;
  /** Built web apps served by the relay, so one process runs the whole system. */
  readonly registerAppDir: string | undefined;
  readonly backOfficeAppDir: string | undefined;
  /** Largest WebSocket frame accepted; a bigger one closes the connection with 1009 before it is read. */
  readonly maxFrameBytes: number;
  readonly logLevel: string;
  /** Documents one store may own; a device that would create one more is closed with 4507. */
  readonly maxDocumentsPerStore: number;
  /** Open sync connections per device; one more is closed with 4429. */
  readonly maxConnectionsPerDevice: number;
  /** Open sync connections per client IP; one more is closed with 4429. */
  readonly maxConnectionsPerIp: number;
  /** Sustained inbound frames per second per connection (token bucket refill rate). */
  readonly messagesPerSecond: number;
  /** Frames a connection may send in a burst above the sustained rate (token bucket size). */
  readonly messageBurst: number;
  /** Browser origins allowed to open /sync besides the relay's own; requests without Origin are not browsers and pass. */
  readonly allowedOrigins: readonly string[];
  /** Take the client IP from the last X-Forwarded-For hop: only when a proxy you run sets it. */
  readonly trustProxy: boolean;
  /** Unload a document from memory after no connected peer has synced it for this long; 0 keeps everything. */
  readonly unloadIdleDocumentsAfterMs: number;
  /** How often the relay looks for devices revoked by another process (the CLI). */
  readonly revocationPollMs: number;
  /** WebSocket ping interval; a socket that missed one pong is dropped. Proxies must allow idle time above it. */
  readonly keepAliveMs: number;
  /** A refund approval no refund receipt used is released after this long, so the quantity can be refunded again (RL51); 0: never. */
  readonly refundApprovalTtlMs: number;
  /** Redeemed loyalty points no sale used are given back after this long (RL52); 0: never. */
  readonly pointsRedemptionTtlMs: number;
}

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Defaults suit one machine running everything; each can be overridden by a config file or an environment variable. */
export const DEFAULT_CONFIG: RelayConfig = {
  port: 8080,
  host: "127.0.0.1",
  dataDir: resolve(repoRoot, ".data"),
  demo: false,
  registerAppDir: resolve(repoRoot, "apps/register/dist"),
  backOfficeAppDir: resolve(repoRoot, "apps/back-office/dist"),
  // 16 MiB: a day journal of a busy register syncing after a long outage fits; an attack does not.
  maxFrameBytes: 16 * 1024 * 1024,
  logLevel: "info",
  // A register writes one journal per business day plus a few fixed documents: 50,000 is over a century for 1 register.
  maxDocumentsPerStore: 50_000,
  // A reconnecting device briefly holds its old and new socket; two browser tabs add one more.
  maxConnectionsPerDevice: 4,
  // One shop's registers usually share one public IP; 64 leaves room for a large shop or a small mall behind one NAT.
  maxConnectionsPerIp: 64,
  // A register catching up on a week of journals sends a few messages per document; 200/s sustained and a
  // 2,000 burst let that through in seconds while a flooding peer is cut off within ten seconds.
  messagesPerSecond: 200,
  messageBurst: 2_000,
  allowedOrigins: [],
  trustProxy: false,
  // Ten minutes: a register that reconnects after a short outage finds its documents still warm.
  unloadIdleDocumentsAfterMs: 10 * 60 * 1000,
  // Two seconds: "revoke" from the CLI takes effect before the operator has switched windows.
  revocationPollMs: 2_000,
  // automerge-repo's default; research/reliability.md §2.5.
  keepAliveMs: 5_000,
  // Fifteen minutes: a register writes its refund receipt a moment after the approval, so an approval
  // still unused by then was abandoned; a cashier can try the refund again soon after (RL51).
  refundApprovalTtlMs: 15 * 60 * 1000,
  // A day: points redeemed on a ticket that is saved and charged later (an open tab) stay spent until
  // closing time; a redemption no sale carried to the relay by the next day was abandoned (RL52).
  pointsRedemptionTtlMs: 24 * 60 * 60 * 1000,
};
