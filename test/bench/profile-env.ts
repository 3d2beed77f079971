import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PRELOAD = fileURLToPath(new URL("./cpu-profile.mjs", import.meta.url));

/**
 * Environment that makes a relay process started by the bench write a CPU profile on exit, when
 * KASA_BENCH_PROFILE=<dir> is set (see cpu-profile.mjs); empty otherwise. `name` prefixes the file.
 */
export function profileEnv(name: string): Record<string, string> {
  const dir = process.env.KASA_BENCH_PROFILE;
  if (!dir) return {};
  const options = [process.env.NODE_OPTIONS, `--import ${PRELOAD}`].filter(Boolean).join(" ");
  return { NODE_OPTIONS: options, KASA_BENCH_PROFILE_DIR: resolve(dir), KASA_BENCH_PROFILE_NAME: name };
}
