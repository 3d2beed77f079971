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
  /** Largest WebSocket frame accepted; bigger frames close the connection (code 4413). */
  readonly maxFrameBytes: number;
  readonly logLevel: string;
}

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Defaults suit one machine running everything; each can be overridden by an environment variable. */
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
};

export function configFromEnv(env: NodeJS.ProcessEnv, base: RelayConfig = DEFAULT_CONFIG): RelayConfig {
  return {
    port: env.KASA_PORT ? Number(env.KASA_PORT) : base.port,
    host: env.KASA_HOST ?? base.host,
    dataDir: env.KASA_DATA_DIR ? resolve(env.KASA_DATA_DIR) : base.dataDir,
    demo: env.KASA_DEMO ? env.KASA_DEMO === "1" || env.KASA_DEMO === "true" : base.demo,
    registerAppDir: env.KASA_REGISTER_APP_DIR ?? base.registerAppDir,
    backOfficeAppDir: env.KASA_BACK_OFFICE_APP_DIR ?? base.backOfficeAppDir,
    maxFrameBytes: env.KASA_MAX_FRAME_BYTES ? Number(env.KASA_MAX_FRAME_BYTES) : base.maxFrameBytes,
    logLevel: env.KASA_LOG_LEVEL ?? base.logLevel,
  };
}
