import { fork, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { pairRegister, type PairedRegister } from "@kasa/sync";
import { freePort, startRelayProcess } from "../support/relay-process.js";
import { demoPairingCode } from "../support/demo-pairing.js";
import { seedBenchStore } from "./seed-store.js";
import { summarize, type Summary } from "./stats.js";
import { profileEnv } from "./profile-env.js";
import type { ScaleReply, ScaleRequest } from "./scale-worker.js";

/** Progress on stderr: the P6 section runs for minutes. */
const progress = (text: string) => console.error(`[P6] ${text}`);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORKER = fileURLToPath(new URL("./scale-worker.ts", import.meta.url));

export interface ScaleResult {
  readonly registers: number;
  readonly workers: number;
  readonly ratePerSecond: number;
  readonly durationMs: number;
  readonly openMs: number;
  /** WebSocket frames the relay received and sent during the load, per sale (its own /metrics). */
  readonly framesPerSale: { readonly in: number; readonly out: number };
  /** Register opens that failed or did not return in 15 s and were retried with a fresh Repo (see scale-worker.ts). */
  readonly openRetries: number;
  readonly openProblems: readonly string[];
  readonly ack: Summary;
  readonly sold: number;
  readonly unacked: number;
  readonly sellFailures: number;
  /** Worst lateness of a scheduled sale in any worker: the simulators could not keep the rate. */
  readonly behindMs: number;
  readonly rssMb: { readonly idle: number; readonly connected: number; readonly early: number; readonly earlyAtS: number; readonly end: number; readonly peak: number };
  /** (RSS with every register connected − RSS before) / registers. */
  readonly kbPerRegister: number;
  /** CPU used during the load (selling and the drain), in cores: the relay, and all simulators together. */
  readonly cpuCores: { readonly relay: number; readonly simulators: number };
  readonly errors: readonly string[];
}

/** Resident memory of a process, from /proc (Linux). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

/** CPU seconds (user + system) a process has used, from /proc (Linux; clock ticks are 100 Hz there). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

class Worker {
  readonly child: ChildProcess;
  readonly errors: string[] = [];
  #waiting: ((m: ScaleReply) => void) | undefined;
  #failed: ((e: Error) => void) | undefined;
  constructor() {
    this.child = fork(WORKER, [], { cwd: ROOT, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child.on("message", (m: ScaleReply) => {
      if (m.ev === "error") this.errors.push(m.message);
      else if (m.ev === "failed") this.#failed?.(new Error(`scale worker: ${m.message}`));
      else this.#waiting?.(m);
    });
  }
  ask<T extends ScaleReply>(req: ScaleRequest, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`scale worker: "${req.op}" took over ${timeoutMs} ms\n${this.errors.join("\n")}`)), timeoutMs);
      this.child.once("exit", (code) => reject(new Error(`scale worker exited (${code})\n${this.errors.join("\n")}`)));
      this.#waiting = (m) => {
        clearTimeout(timer);
        resolve(m as T);
      };
      this.#failed = (e) => {
        clearTimeout(timer);
        reject(e);
      };
      this.child.send(req);
    });
  }
  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.send({ op: "exit" } satisfies ScaleRequest);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * P6: one relay process, `registers` registers over real WebSockets simulated in `workers` Node
 * processes, `ratePerSecond` receipts per second in aggregate for `durationMs`. Reports the
 * durable-ack latency of every sale and the relay's RSS: idle, with everyone connected, at
 * minute 1 (or halfway through a shorter run) and at the end.
 */
export async function scaleLoad(root: string, o: { registers: number; workers: number; ratePerSecond: number; durationMs: number }): Promise<ScaleResult> {
  const dataDir = join(root, "p6-relay");
  await seedBenchStore(dataDir, { extraItems: 0, registers: o.registers });
  // Every simulated register connects from 127.0.0.1: lift the per-IP cap (64) that a real
  // deployment, with registers behind different addresses, would not meet.
  const relay = await startRelayProcess({ dataDir, port: await freePort(), env: { KASA_MAX_CONNECTIONS_PER_IP: String(o.registers * 2 + 64), ...profileEnv("kasa-p6") } });
  const workers: Worker[] = [];
  try {
    const pid = relay.child.pid!;
    const paired: PairedRegister[] = [];
    for (let n = 1; n <= o.registers; n++) {
      const p = await pairRegister(relay.url, await demoPairingCode(relay.url, n));
      if (!p.ok) throw new Error(`pairing register ${n}: ${p.error.message}`);
      paired.push(p.value);
    }
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssMb(pid);
    progress(`${o.registers} registers paired; opening them in ${o.workers} processes`);

    for (let w = 0; w < o.workers; w++) workers.push(new Worker());
    const t0 = performance.now();
    const opened = await Promise.all(
      workers.map((worker, w) => {
        const share = paired.filter((_, i) => i % o.workers === w).map((p, i) => ({ paired: p, dir: join(root, "p6", `w${w}-${i}`) }));
        return worker.ask<Extract<ScaleReply, { ev: "opened" }>>({ op: "open", relayUrl: relay.url, registers: share }, 1_800_000);
      }),
    );
    const openMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 2000));
    const connected = rssMb(pid);
    progress(`all connected in ${(openMs / 1000).toFixed(1)} s (${opened.reduce((n, x) => n + x.retries, 0)} opens retried); selling ${o.ratePerSecond}/s for ${o.durationMs / 1000} s`);

    const samples: { atS: number; mb: number }[] = [];
    const frames0 = await relayFrames(relay.url);
    const cpu0 = { relay: cpuSeconds(pid), workers: workers.reduce((n, w) => n + cpuSeconds(w.child.pid!), 0) };
    const started = performance.now();
    // A profiled relay (KASA_BENCH_PROFILE) starts its profile over here: the load only.
    if (process.env.KASA_BENCH_PROFILE) process.kill(pid, "SIGUSR2");
    const sampler = setInterval(() => samples.push({ atS: (performance.now() - started) / 1000, mb: rssMb(pid) }), 1000);
    const done = await Promise.all(
      workers.map((worker) => worker.ask<Extract<ScaleReply, { ev: "done" }>>({ op: "run", ratePerSecond: o.ratePerSecond / o.workers, durationMs: o.durationMs, drainMs: 30_000 }, o.durationMs + 120_000)),
    );
    clearInterval(sampler);
    traceRun(started, done, relay.output());
    const frames1 = await relayFrames(relay.url);
    const elapsedS = (performance.now() - started) / 1000;
    const cpu = {
      relay: (cpuSeconds(pid) - cpu0.relay) / elapsedS,
      simulators: (workers.reduce((n, w) => n + cpuSeconds(w.child.pid!), 0) - cpu0.workers) / elapsedS,
    };
    const end = rssMb(pid);
    const earlyAtS = Math.min(60, o.durationMs / 2000);
    const early = samples.find((s) => s.atS >= earlyAtS) ?? samples.at(-1) ?? { atS: 0, mb: end };
    return {
      ...o,
      openMs,
      openRetries: opened.reduce((n, x) => n + x.retries, 0),
      openProblems: [...new Set(opened.flatMap((x) => x.problems))],
      ack: summarize(done.flatMap((d) => d.ackMs)),
      sold: done.reduce((n, d) => n + d.sold, 0),
      unacked: done.reduce((n, d) => n + d.unacked, 0),
      sellFailures: done.reduce((n, d) => n + d.sellFailures, 0),
      behindMs: Math.max(...done.map((d) => d.behindMs)),
      rssMb: { idle, connected, early: early.mb, earlyAtS: early.atS, end, peak: Math.max(end, ...samples.map((s) => s.mb)) },
      kbPerRegister: ((connected - idle) * 1024) / o.registers,
      cpuCores: cpu,
      framesPerSale: { in: (frames1.in - frames0.in) / Math.max(1, done.reduce((n, d) => n + d.sold, 0)), out: (frames1.out - frames0.out) / Math.max(1, done.reduce((n, d) => n + d.sold, 0)) },
      errors: workers.flatMap((w) => w.errors),
    };
  } finally {
    await Promise.all(workers.map((w) => w.exit()));
    await relay.stop();
  }
}

/**
 * KASA_BENCH_P6_TRACE=<prefix>: writes `<prefix>.acks.csv` (second of the run the sale was made,
 * its durable-ack latency in ms) and `<prefix>.relay.log` (the relay's warnings), to tell a tail
 * made of bursts from one that grows.
 */
function traceRun(started: number, done: readonly Extract<ScaleReply, { ev: "done" }>[], relayOutput: string): void {
  const prefix = process.env.KASA_BENCH_P6_TRACE;
  if (!prefix) return;
  const origin = performance.timeOrigin + started;
  const rows = done.flatMap((d) => d.ackMs.map((ms, i) => [((d.soldAtMs[i]! - origin) / 1000).toFixed(3), ms.toFixed(1)]));
  rows.sort((a, b) => Number(a[0]) - Number(b[0]));
  writeFileSync(`${prefix}.acks.csv`, ["soldAtS,ackMs", ...rows.map((r) => r.join(","))].join("\n") + "\n");
  writeFileSync(`${prefix}.relay.log`, relayOutput);
}

/** The relay's frame counters from its /metrics (RL14). */
async function relayFrames(url: string): Promise<{ in: number; out: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  return { in: read("kasa_frames_in_total"), out: read("kasa_frames_out_total") };
}
