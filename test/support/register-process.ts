import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { PairedRegister } from "@kasa/sync";
import type { WorkerEvent, WorkerMessage, WorkerRequest, WorkerState, WorkerStatus } from "./register-protocol.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORKER = fileURLToPath(new URL("./register-worker.ts", import.meta.url));

/**
 * Parent side of a register running in its own process (register-worker.ts). Keeps what the
 * register reported: every sale it completed (in local storage) and every receipt it saw turn
 * synced, so a test knows what was acknowledged even after the process is SIGKILLed.
 */
export class RegisterProcess {
  /** Sale id → receipt number, for every sale reported done (sell() resolved). */
  readonly sold = new Map<string, string>();
  /** Receipt ids the register showed as synced (relay-durable ack). */
  readonly synced = new Set<string>();
  readonly sellFailures: string[] = [];
  /** Uncaught exceptions and unhandled rejections reported by the process. */
  readonly errors: string[] = [];
  #child: ChildProcess;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #exit: Promise<number | null>;
  #expectExit = false;
  #unexpectedExit: string | undefined;
  #output = "";
  readonly #listeners = new Set<(e: WorkerEvent) => void>();

  private constructor(readonly name: string) {
    this.#child = fork(WORKER, [], {
      cwd: ROOT,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env },
    });
    this.#child.stdout!.on("data", (d: Buffer) => (this.#output = (this.#output + d.toString()).slice(-20_000)));
    this.#child.stderr!.on("data", (d: Buffer) => (this.#output = (this.#output + d.toString()).slice(-20_000)));
    this.#child.on("message", (m: WorkerMessage) => this.#onMessage(m));
    this.#exit = new Promise((resolve) =>
      this.#child.once("exit", (code, signal) => {
        if (!this.#expectExit) this.#unexpectedExit = `register ${name} exited unexpectedly (code ${code}, signal ${signal})\n${this.#output.slice(-4000)}`;
        for (const p of this.#pending.values()) p.reject(new Error(`register ${name} exited (code ${code}, signal ${signal})`));
        this.#pending.clear();
        resolve(code);
      }),
    );
  }

  /** Starts the process and waits until it is ready for requests. */
  static async spawn(name: string): Promise<RegisterProcess> {
    const p = new RegisterProcess(name);
    await new Promise<void>((resolve, reject) => {
      const off = p.onEvent((e) => {
        if (e.ev === "ready") {
          off();
          resolve();
        }
      });
      void p.#exit.then(() => reject(new Error(`register ${name} died while starting:\n${p.#output}`)));
    });
    return p;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get alive(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Set when the process died without being told to (a crash). */
  get unexpectedExit(): string | undefined {
    return this.#unexpectedExit;
  }

  get output(): string {
    return this.#output;
  }

  onEvent(listener: (e: WorkerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  request<T>(req: WorkerRequest, timeoutMs = 60_000): Promise<T> {
    if (!this.alive) return Promise.reject(new Error(`register ${this.name} is not running`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`register ${this.name}: "${req.op}" timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.#child.send({ id, req });
    });
  }

  open(o: { dir: string; paired: PairedRegister; relayUrl: string; seed: number }): Promise<WorkerStatus> {
    return this.request({ op: "open", ...o });
  }

  close(): Promise<void> {
    return this.request({ op: "close" });
  }

  sell(count: number): Promise<number> {
    return this.request({ op: "sell", count }, 60_000 + count * 2_000);
  }

  startSelling(minPauseMs: number, maxPauseMs: number): Promise<void> {
    return this.request({ op: "startSelling", minPauseMs, maxPauseMs });
  }

  stopSelling(): Promise<void> {
    return this.request({ op: "stopSelling" });
  }

  shift(action: "open" | "in" | "out" | "close", amount: number): Promise<string> {
    return this.request({ op: "shift", action, amount });
  }

  /** Fault injection: every file write in the register process waits `ms` first (a slow disk); 0 turns it off. */
  setWriteDelay(ms: number): Promise<void> {
    return this.request({ op: "setWriteDelay", ms });
  }

  status(): Promise<WorkerStatus> {
    return this.request({ op: "status" });
  }

  state(): Promise<WorkerState> {
    return this.request({ op: "state" }, 120_000);
  }

  /** Polls the register's status until `predicate` holds; rejects with the last status after `timeoutMs`. */
  async waitFor(predicate: (s: WorkerStatus) => boolean, timeoutMs = 60_000, what = "condition"): Promise<WorkerStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.status();
      if (predicate(s)) return s;
      if (Date.now() > deadline) throw new Error(`register ${this.name}: ${what} not reached in ${timeoutMs} ms; last status ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGKILL: no flush, no goodbye. */
  async kill9(): Promise<void> {
    this.#expectExit = true;
    if (this.alive) this.#child.kill("SIGKILL");
    await this.#exit;
  }

  /** Closes the register cleanly and ends the process. */
  async exit(): Promise<void> {
    this.#expectExit = true;
    if (!this.alive) return;
    await this.request({ op: "exit" }, 30_000).catch(() => undefined);
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), 10_000);
    await this.#exit;
    clearTimeout(timer);
  }

  #onMessage(m: WorkerMessage): void {
    if ("reply" in m) {
      const p = this.#pending.get(m.reply);
      if (!p) return;
      this.#pending.delete(m.reply);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(`register ${this.name}: ${m.error}`));
      return;
    }
    if (m.ev === "sold") this.sold.set(m.id, m.number);
    else if (m.ev === "synced") for (const id of m.ids) this.synced.add(id);
    else if (m.ev === "sell-failed") this.sellFailures.push(`${m.code}: ${m.message}`);
    else if (m.ev === "error") this.errors.push(`${m.kind}: ${m.message}`);
    for (const l of this.#listeners) l(m);
  }
}
