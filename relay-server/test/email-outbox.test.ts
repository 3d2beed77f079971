import { describe, expect, test } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { pino } from "pino";
import { ReadModel } from "../src/read-model/read-model.js";
import { EmailSender } from "../src/outbox/email-sender.js";
import { emailById, enqueueEmail, listEmails } from "../src/outbox/email-requests.js";
import { cleanup, tempDir } from "./support/relay-fixture.js";
import { sale } from "./support/sales.js";

interface Received {
  messageId: string;
  to: string;
  raw: string;
}

/** A real SMTP server on port 0 that records every accepted message; `refuse` makes it answer 451 (temporary) for the next n. */
async function smtpServer(): Promise<{ url: string; received: Received[]; refuseNext(n: number): void; slow(ms: number): void }> {
  const received: Received[] = [];
  let refuse = 0;
  let delay = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refuse > 0) {
          refuse--;
          const err = Object.assign(new Error("try again later"), { responseCode: 451 });
          return callback(err);
        }
        setTimeout(() => {
          const raw = Buffer.concat(chunks).toString("utf8");
          received.push({ raw, to: session.envelope.rcptTo.map((r) => r.address).join(","), messageId: /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? "" });
          callback();
        }, delay);
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  cleanup(() => new Promise<void>((r) => server.close(() => r())));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, refuseNext: (n) => void (refuse = n), slow: (ms) => void (delay = ms) };
}

const STORE_LOOK = async () => ({ name: "Test Café", locale: "pl-PL", timeZone: "Europe/Warsaw" });
const log = pino({ level: "silent" });

function seed(rm: ReadModel, count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = sale(Date.now() - 1000 + i);
    rm.addReceipts("doc", [s], Date.now());
    const eventId = randomUUID();
    enqueueEmail(rm.db, { eventId, storeId: "store-1", receiptEventId: s.id, receiptNumber: s.payload.receipt.number, email: `guest${i}@example.com`, requestedAt: Date.now() + i });
    ids.push(eventId);
  }
  return ids;
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("e-mail outbox", () => {
  test("sends each queued receipt exactly once over real SMTP, across a restart in the middle of the queue", async () => {
    const smtp = await smtpServer();
    const dir = await tempDir("kasa-outbox-");
    const file = join(dir, "read_model.sqlite");
    let rm = new ReadModel(file);
    const ids = seed(rm, 12);
    smtp.slow(30);
    let sender = new EmailSender({ db: rm.db, dataDir: dir, smtpUrl: smtp.url, log, store: STORE_LOOK, baseDelayMs: 20, pollMs: 50 });
    sender.start();
    await until(() => smtp.received.length >= 4);
    // Restart: the sender finishes the message in flight and records it before the database closes.
    await sender.close();
    rm.close();
    const midway = smtp.received.length;
    expect(midway).toBeLessThan(12);

    rm = new ReadModel(file);
    sender = new EmailSender({ db: rm.db, dataDir: dir, smtpUrl: smtp.url, log, store: STORE_LOOK, baseDelayMs: 20, pollMs: 50 });
    sender.start();
    await until(() => ids.every((id) => emailById(rm.db, id)?.state === "sent"));
    await new Promise((r) => setTimeout(r, 300)); // anything sent twice would arrive by now
    await sender.close();

    expect(smtp.received).toHaveLength(12);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(12);
    expect(new Set(smtp.received.map((m) => m.to)).size).toBe(12);
    const one = smtp.received[0]!.raw;
    expect(one).toMatch(/Content-Type: text\/plain/);
    expect(one).toMatch(/Content-Type: text\/html/);
    expect(one).toMatch(/Test Caf/);
    expect(listEmails(rm.db, "store-1", 100).every((m) => m.state === "sent" && m.sentAt !== null)).toBe(true);
    rm.close();
  });

  test("temporary SMTP failures are retried with backoff; a dead server leaves the message failed with the reason", { timeout: 20_000 }, async () => {
    const smtp = await smtpServer();
    const dir = await tempDir("kasa-outbox-");
    const rm = new ReadModel(join(dir, "read_model.sqlite"));
    cleanup(async () => rm.close());
    const [id] = seed(rm, 1);
    smtp.refuseNext(2);
    const sender = new EmailSender({ db: rm.db, dataDir: dir, smtpUrl: smtp.url, log, store: STORE_LOOK, baseDelayMs: 30, pollMs: 50 });
    sender.start();
    await until(() => emailById(rm.db, id!)?.state === "sent").catch((e) => {
      throw new Error(`${(e as Error).message}: ${JSON.stringify(emailById(rm.db, id!))}`);
    });
    expect(emailById(rm.db, id!)!.attempts).toBe(3);
    expect(smtp.received).toHaveLength(1);
    await sender.close();

    const [dead] = seed(rm, 1);
    const failing = new EmailSender({ db: rm.db, dataDir: dir, smtpUrl: "smtp://127.0.0.1:1", log, store: STORE_LOOK, baseDelayMs: 5, maxAttempts: 3, pollMs: 20 });
    failing.start();
    await until(() => emailById(rm.db, dead!)?.state === "failed");
    await failing.close();
    const row = emailById(rm.db, dead!)!;
    expect(row.attempts).toBe(3);
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
  });

  test("without SMTP, writes one .eml per message into <dataDir>/outbox", async () => {
    const dir = await tempDir("kasa-outbox-");
    const rm = new ReadModel(join(dir, "read_model.sqlite"));
    cleanup(async () => rm.close());
    const ids = seed(rm, 3);
    const sender = new EmailSender({ db: rm.db, dataDir: dir, log, store: STORE_LOOK, pollMs: 20 });
    expect(sender.mode).toBe("files");
    sender.start();
    await until(() => ids.every((id) => emailById(rm.db, id)?.state === "sent"));
    await sender.close();
    const files = readdirSync(join(dir, "outbox")).sort();
    expect(files).toEqual(ids.map((id) => `${id}.eml`).sort());
    expect(readFileSync(join(dir, "outbox", files[0]!), "utf8")).toMatch(/^Subject: /m);
  });
});
