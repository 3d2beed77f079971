import { describe, expect, test } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, DEFAULT_CONFIG, SETTINGS, loadConfig } from "../src/index.js";
import { tempDir } from "./support/relay-fixture.js";

describe("configuration", () => {
  test("RL17 defaults, then the KASA_CONFIG file, then KASA_* variables; paths in the file are relative to it", async () => {
    const dir = await tempDir();
    const file = join(dir, "kasa.json");
    writeFileSync(file, JSON.stringify({ dataDir: "data", maxConnectionsPerIp: 10, allowedOrigins: ["https://pos.example.com"], trustProxy: true, logLevel: "warn" }));
    const config = loadConfig({ KASA_CONFIG: file, KASA_MAX_CONNECTIONS_PER_IP: "20", KASA_MESSAGE_BURST: "500", KASA_ALLOWED_ORIGINS: "https://a.example, https://b.example" });
    expect(config).toMatchObject({
      dataDir: join(dir, "data"),
      maxConnectionsPerIp: 20,
      messageBurst: 500,
      allowedOrigins: ["https://a.example", "https://b.example"],
      trustProxy: true,
      logLevel: "warn",
      port: DEFAULT_CONFIG.port,
      maxDocumentsPerStore: DEFAULT_CONFIG.maxDocumentsPerStore,
    });
    expect(loadConfig({})).toEqual(DEFAULT_CONFIG);
  });

  test("RL17 a typo, a bad value or an unreadable file is refused with a code, never ignored", async () => {
    const dir = await tempDir();
    const write = (value: unknown) => {
      const f = join(dir, `c${Math.random()}.json`);
      writeFileSync(f, JSON.stringify(value));
      return f;
    };
    const code = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
        return "ok";
      } catch (error) {
        return error instanceof ConfigError ? error.code : String(error);
      }
    };
    expect(code({ KASA_CONFIG: write({ maxConectionsPerIp: 3 }) })).toBe("CONFIG_INVALID");
    expect(code({ KASA_CONFIG: write({ port: 70000 }) })).toBe("CONFIG_INVALID");
    expect(code({ KASA_CONFIG: write([1, 2]) })).toBe("CONFIG_INVALID");
    expect(code({ KASA_CONFIG: join(dir, "missing.json") })).toBe("CONFIG_UNREADABLE");
    expect(code({ KASA_MAX_FRAME_BYTES: "lots" })).toBe("CONFIG_INVALID");
    expect(code({ KASA_TRUST_PROXY: "yes" })).toBe("CONFIG_INVALID");
    expect(code({ KASA_DEMO: "1", KASA_PORT: "0" })).toBe("ok");
  });

  test("RL17 the README documents every setting with its variable", () => {
    const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");
    for (const [key, { env }] of Object.entries(SETTINGS)) {
      expect(readme, key).toContain(`\`${env}\``);
      expect(readme, key).toContain(`\`${key}\``);
    }
  });
});
