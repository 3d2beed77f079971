import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_CONFIG, type RelayConfig } from "./config.js";

export type ConfigErrorCode = "CONFIG_UNREADABLE" | "CONFIG_INVALID";

export class ConfigError extends Error {
  constructor(
    readonly code: ConfigErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

// Environment values are strings; the file may hold strings or JSON values. Each schema accepts both.
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const bool = z.union([z.boolean(), z.enum(["1", "true", "0", "false"]).transform((v) => v === "1" || v === "true")]);
const list = z.union([z.array(z.string()), z.string().transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))]);
const text = z.string().min(1);

/** Every setting: its environment variable and how to read it. The README's table lists the same rows. */
export const SETTINGS = {
  port: { env: "KASA_PORT", schema: int(0, 65535) },
  host: { env: "KASA_HOST", schema: text },
  dataDir: { env: "KASA_DATA_DIR", schema: text },
  demo: { env: "KASA_DEMO", schema: bool },
  registerAppDir: { env: "KASA_REGISTER_APP_DIR", schema: text },
  backOfficeAppDir: { env: "KASA_BACK_OFFICE_APP_DIR", schema: text },
  // 1 KiB floor: below it even a join frame would not fit.
  maxFrameBytes: { env: "KASA_MAX_FRAME_BYTES", schema: int(1024) },
  logLevel: { env: "KASA_LOG_LEVEL", schema: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]) },
  maxDocumentsPerStore: { env: "KASA_MAX_DOCUMENTS_PER_STORE", schema: int(1) },
  maxConnectionsPerDevice: { env: "KASA_MAX_CONNECTIONS_PER_DEVICE", schema: int(1) },
  maxConnectionsPerIp: { env: "KASA_MAX_CONNECTIONS_PER_IP", schema: int(1) },
  messagesPerSecond: { env: "KASA_MESSAGES_PER_SECOND", schema: int(1) },
  messageBurst: { env: "KASA_MESSAGE_BURST", schema: int(1) },
  allowedOrigins: { env: "KASA_ALLOWED_ORIGINS", schema: list },
  trustProxy: { env: "KASA_TRUST_PROXY", schema: bool },
  unloadIdleDocumentsAfterMs: { env: "KASA_UNLOAD_IDLE_DOCUMENTS_AFTER_MS", schema: int(0) },
  revocationPollMs: { env: "KASA_REVOCATION_POLL_MS", schema: int(100) },
  keepAliveMs: { env: "KASA_KEEPALIVE_MS", schema: int(1000) },
  refundApprovalTtlMs: { env: "KASA_REFUND_APPROVAL_TTL_MS", schema: int(0) },
  pointsRedemptionTtlMs: { env: "KASA_POINTS_REDEMPTION_TTL_MS", schema: int(0) },
} as const satisfies { [K in keyof RelayConfig]: { env: string; schema: z.ZodType } };

type Key = keyof typeof SETTINGS;
const KEYS = Object.keys(SETTINGS) as Key[];
const PATH_KEYS: readonly Key[] = ["dataDir", "registerAppDir", "backOfficeAppDir"];

/** The variable naming an optional JSON config file; its values sit between the defaults and the environment. */
export const CONFIG_FILE_ENV = "KASA_CONFIG";

/**
 * Configuration from defaults, then the JSON file named by KASA_CONFIG (if any), then KASA_* environment
 * variables. Unknown keys in the file are refused: a typo must not silently leave a limit at its default.
 * Relative paths in the file are relative to the file; in the environment, to the working directory.
 */
export function loadConfig(env: NodeJS.ProcessEnv, base: RelayConfig = DEFAULT_CONFIG): RelayConfig {
  const file = env[CONFIG_FILE_ENV];
  return configFromEnv(env, file ? configFromFile(file, base) : base);
}

export function configFromFile(file: string, base: RelayConfig = DEFAULT_CONFIG): RelayConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError("CONFIG_UNREADABLE", `cannot read config file ${file}: ${(error as Error).message}`);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new ConfigError("CONFIG_INVALID", `${file}: expected a JSON object`);
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in SETTINGS)) throw new ConfigError("CONFIG_INVALID", `${file}: unknown setting "${key}" (known: ${KEYS.join(", ")})`);
    const parsed = parse(key as Key, value, file);
    values[key] = PATH_KEYS.includes(key as Key) ? resolve(dirname(resolve(file)), String(parsed)) : parsed;
  }
  return { ...base, ...values };
}

export function configFromEnv(env: NodeJS.ProcessEnv, base: RelayConfig = DEFAULT_CONFIG): RelayConfig {
  const values: Record<string, unknown> = {};
  for (const key of KEYS) {
    const raw = env[SETTINGS[key].env];
    if (raw === undefined || raw === "") continue;
    const parsed = parse(key, raw, SETTINGS[key].env);
    values[key] = key === "dataDir" ? resolve(String(parsed)) : parsed;
  }
  return { ...base, ...values };
}

function parse(key: Key, value: unknown, where: string): unknown {
  const result = SETTINGS[key].schema.safeParse(value);
  if (!result.success) throw new ConfigError("CONFIG_INVALID", `${where}: ${key} ${JSON.stringify(value)} is invalid: ${result.error.issues.map((i) => i.message).join("; ")}`);
  return result.data;
}
