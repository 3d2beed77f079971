import { mkdirSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "pino";
import type Database from "better-sqlite3";
import type { SaleCompleted } from "@kasa/domain";
import { dueEmails, ensureOutboxSchema, markFailed, markRetry, markSending, markSent, nextDueAt, type EmailRequestRow } from "./email-requests.js";
import { renderReceiptEmail, type StoreLook } from "./render.js";

export interface EmailSenderOptions {
  readonly db: Database.Database;
  readonly dataDir: string;
  /** `smtp://user:pass@host:587`, `smtps://…`; undefined: write `.eml` files into `<dataDir>/outbox/`. */
  readonly smtpUrl?: string | undefined;
  readonly from?: string | undefined;
  readonly log: Logger;
  readonly now?: () => number;
  readonly store: (storeId: string) => Promise<StoreLook>;
  /** First retry after this long; doubles per attempt up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** After this many attempts a message is `failed`. */
  readonly maxAttempts?: number;
  /** How often to look for due messages when nothing kicked the sender. */
  readonly pollMs?: number;
}

export const DEFAULT_FROM = "Kasa receipts <receipts@kasa.invalid>";

/** SMTP replies 5xx are permanent (bad address, refused): retrying cannot help. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/**
 * Sends queued receipt e-mails. Each message's state is persisted: `queued` → `sent`, or `failed`
 * with the reason after a permanent SMTP refusal or `maxAttempts` tries with exponential backoff.
 * One pass at a time, one message at a time, so a message is never in two SMTP conversations; the
 * relay's shutdown waits for the current send to finish and be recorded before closing the database.
 * Each message carries a Message-ID derived from its event id, so even the one unavoidable
 * ambiguity (a crash between the server's 250 and our write) yields an identical, de-duplicable copy.
 */
export class EmailSender {
  readonly #o: Required<Omit<EmailSenderOptions, "smtpUrl" | "from">> & { smtpUrl: string | undefined; from: string };
  readonly #transport: Transporter;
  readonly #outboxDir: string;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(options: EmailSenderOptions) {
    this.#o = {
      now: Date.now,
      baseDelayMs: 1_000,
      maxDelayMs: 5 * 60_000,
      maxAttempts: 8,
      pollMs: 1_000,
      ...options,
      smtpUrl: options.smtpUrl || undefined,
      from: options.from || DEFAULT_FROM,
    };
    ensureOutboxSchema(options.db);
    this.#outboxDir = join(options.dataDir, "outbox");
    this.#transport = this.#o.smtpUrl
      ? nodemailer.createTransport(this.#o.smtpUrl, {})
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  }

  get mode(): "smtp" | "files" {
    return this.#o.smtpUrl ? "smtp" : "files";
  }

  start(): void {
    this.#closed = false;
    this.#schedule(0);
  }

  /** Look now: a request was just projected. */
  kick(): void {
    if (!this.#closed) this.#schedule(0);
  }

  #schedule(delay: number): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.runOnce(), Math.max(0, Math.min(delay, this.#o.pollMs)));
    this.#timer.unref?.();
  }

  /** One pass over due messages; concurrent calls join the running pass and ask for another. */
  runOnce(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      // Yield first: a pass with nothing to do must not finish before `#running` is assigned.
      await null;
      let failed = false;
      try {
        do {
          this.#again = false;
          for (;;) {
            if (this.#closed) return;
            const due = dueEmails(this.#o.db, this.#o.now(), 10);
            if (due.length === 0) break;
            for (const row of due) {
              if (this.#closed) return;
              await this.#deliver(row);
            }
          }
        } while (this.#again && !this.#closed);
      } catch (error) {
        failed = true;
        this.#o.log.error({ err: error }, "outbox pass failed");
      } finally {
        this.#running = undefined;
        if (!this.#closed) {
          const next = this.#o.db.open ? nextDueAt(this.#o.db) : undefined;
          // After an unexpected failure, wait a poll interval instead of spinning on the same message.
          this.#schedule(next === undefined || failed ? this.#o.pollMs : next - this.#o.now());
        }
      }
    })();
    return this.#running;
  }

  async #deliver(row: EmailRequestRow): Promise<void> {
    const { db, now, log } = this.#o;
    const messageId = `<${row.eventId}@kasa.receipts>`;
    const receipt = db.prepare("SELECT body FROM receipts WHERE store_id = ? AND event_id = ?").get(row.storeId, row.receiptEventId) as { body: string } | undefined;
    if (!receipt) {
      // The sale may simply not be projected yet (it travels in the same journal); wait, within the retry budget.
      this.#retryOrFail(row, "RECEIPT_NOT_FOUND: the receipt is not in the read model (yet)", false);
      return;
    }
    let mail: ReturnType<typeof renderReceiptEmail>;
    try {
      mail = renderReceiptEmail(JSON.parse(receipt.body) as SaleCompleted, await this.#o.store(row.storeId));
    } catch (error) {
      this.#retryOrFail(row, `RENDER_FAILED: ${error instanceof Error ? error.message : String(error)}`, false);
      return;
    }
    markSending(db, row.eventId, messageId, now());
    try {
      const info = await this.#transport.sendMail({ from: this.#o.from, to: row.email, subject: mail.subject, text: mail.text, html: mail.html, messageId, headers: { "X-Kasa-Receipt": row.receiptNumber } });
      if (this.mode === "files") this.#writeEml(row.eventId, (info as unknown as { message: Buffer }).message);
      markSent(db, row.eventId, now());
      log.info({ eventId: row.eventId, receipt: row.receiptNumber, mode: this.mode }, "receipt e-mail sent");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ eventId: row.eventId, err: message }, "receipt e-mail not sent");
      this.#retryOrFail(row, message, isPermanent(error));
    }
  }

  #retryOrFail(row: EmailRequestRow, reason: string, permanent: boolean): void {
    const { db, now } = this.#o;
    const attempts = row.attempts + 1;
    if (permanent || attempts >= this.#o.maxAttempts) {
      markFailed(db, row.eventId, reason, now());
      if (!permanent) db.prepare("UPDATE email_delivery SET attempts = ? WHERE event_id = ?").run(attempts, row.eventId);
      return;
    }
    const delay = Math.min(this.#o.maxDelayMs, this.#o.baseDelayMs * 2 ** (attempts - 1));
    markRetry(db, row.eventId, reason, now() + delay, now());
    db.prepare("UPDATE email_delivery SET attempts = ? WHERE event_id = ?").run(attempts, row.eventId);
  }

  #writeEml(eventId: string, message: Buffer): void {
    mkdirSync(this.#outboxDir, { recursive: true });
    const file = join(this.#outboxDir, `${eventId}.eml`);
    if (existsSync(file)) return;
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, message);
    renameSync(tmp, file);
  }

  /** Stops taking new messages and waits for the one in flight to be sent and recorded. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
    this.#transport.close();
  }
}
