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

/**
 * Runs `work` under a CPU profile of this process (the bench's own registers) when
 * KASA_BENCH_PROFILE=<dir> is set, written as <dir>/<name>-<pid>.cpuprofile; just runs it otherwise.
 */
export async function profiledHere<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.KASA_BENCH_PROFILE;
  if (!dir) return work();
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    session.disconnect();
    const { mkdir, writeFile } = await import("node:fs/promises");
    await mkdir(resolve(dir), { recursive: true });
    await writeFile(resolve(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(profile));
  }
}
