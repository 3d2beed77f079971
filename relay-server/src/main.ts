import { ConfigError, loadConfig } from "./config-sources.js";
import { createRelayServer } from "./relay-server.js";
import { DEMO_OWNER } from "./demo/demo-store.js";

// Production entry: configuration from KASA_CONFIG's file and the environment, graceful shutdown on SIGTERM/SIGINT.
// `--demo` (what `pnpm start` passes) creates the demo store on an empty data folder.
const env = process.argv.includes("--demo") && process.env.KASA_DEMO === undefined ? { ...process.env, KASA_DEMO: "1" } : process.env;
let config;
try {
  config = loadConfig(env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`${error.code}: ${error.message}`);
  // 78 = EX_CONFIG (sysexits.h): a supervisor should not restart-loop on a bad configuration.
  process.exit(78);
}
const relay = await createRelayServer(config);

// automerge-repo can surface timeouts as unhandled rejections under load (research/automerge.md P9);
// log them instead of letting Node 20 exit and drop every connected register.
process.on("unhandledRejection", (reason) => relay.log.error({ err: reason }, "unhandled rejection"));

const shown = relay.url.replace("127.0.0.1", "localhost");
console.log(`
  Kasa is running.
    Back office : ${shown}/back-office/${config.demo ? `   (sign in: ${DEMO_OWNER.email} / ${DEMO_OWNER.password})` : ""}
    Register    : ${shown}/register/
    Start page  : ${shown}/${config.demo ? "   (pairs demo registers with one click)" : ""}
    Data folder : ${config.dataDir}
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    relay.log.info({ signal }, "shutting down");
    relay.close().then(
      () => process.exit(0),
      (err: unknown) => {
        relay.log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
