// Preload for a CPU profile of a relay started by the bench (KASA_BENCH_PROFILE=<dir>): Node
// refuses --cpu-prof in NODE_OPTIONS, but accepts --import of this file. Samples from start (or
// the last SIGUSR2) to exit (the relay exits on SIGTERM) and writes <dir>/<name>-<pid>.cpuprofile, which Chromium's
// DevTools opens and `node --import tsx test/bench/profile-summary.ts <file>` sums up.
import { Session } from "node:inspector";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.KASA_BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  // SIGUSR2 starts the profile over: the bench sends it when the phase it measures begins, so
  // pairing and opening hundreds of registers do not swamp the figures of the load itself.
  process.on("SIGUSR2", () => session.post("Profiler.stop", () => session.post("Profiler.start")));
  // The main-thread inspector session answers synchronously, so this completes inside "exit".
  process.on("exit", () =>
    session.post("Profiler.stop", (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${process.env.KASA_BENCH_PROFILE_NAME ?? "relay"}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    }),
  );
}
