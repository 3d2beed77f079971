import type Database from "better-sqlite3";

/**
 * `email_requests` is shared with the projector (which inserts one queued row per
 * receipt.email-requested event); the schema below is the agreed one, created here too with IF NOT
 * EXISTS so whichever side starts first, both agree. Delivery bookkeeping lives in `email_delivery`,
 * this module's own table, so the shared one never changes shape.
 */
export function ensureOutboxSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS email_requests (
      event_id TEXT PRIMARY KEY,
      store_id TEXT NOT NULL,
      receipt_event_id TEXT NOT NULL,
      receipt_number TEXT NOT NULL,
      email TEXT NOT NULL,
      requested_at INTEGER NOT NULL,
      state TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS email_requests_by_state ON email_requests(state, requested_at);
    CREATE INDEX IF NOT EXISTS email_requests_by_store ON email_requests(store_id, requested_at);
    CREATE TABLE IF NOT EXISTS email_delivery (
      event_id TEXT PRIMARY KEY,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL DEFAULT 0,
      sending_since INTEGER,
      last_error TEXT,
      message_id TEXT,
      sent_at INTEGER,
      updated_at INTEGER NOT NULL
    );
  `);
}

export type EmailState = "queued" | "sent" | "failed";

export interface EmailRequestRow {
  readonly eventId: string;
  readonly storeId: string;
  readonly receiptEventId: string;
  readonly receiptNumber: string;
  readonly email: string;
  readonly requestedAt: number;
  readonly state: EmailState;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly sentAt: number | null;
  readonly sendingSince: number | null;
}

const SELECT = `SELECT r.event_id AS eventId, r.store_id AS storeId, r.receipt_event_id AS receiptEventId, r.receipt_number AS receiptNumber, r.email,
  r.requested_at AS requestedAt, r.state, coalesce(d.attempts, 0) AS attempts, coalesce(d.next_attempt_at, 0) AS nextAttemptAt,
  d.last_error AS lastError, d.sent_at AS sentAt, d.sending_since AS sendingSince
  FROM email_requests r LEFT JOIN email_delivery d ON d.event_id = r.event_id`;

/** Inserts a request (the projector's side does the same; used by tests and by the relay if it projects these itself). */
export function enqueueEmail(db: Database.Database, row: { eventId: string; storeId: string; receiptEventId: string; receiptNumber: string; email: string; requestedAt: number }): boolean {
  return (
    db
      .prepare("INSERT OR IGNORE INTO email_requests (event_id, store_id, receipt_event_id, receipt_number, email, requested_at, state) VALUES (?, ?, ?, ?, ?, ?, 'queued')")
      .run(row.eventId, row.storeId, row.receiptEventId, row.receiptNumber, row.email, row.requestedAt).changes > 0
  );
}

export function dueEmails(db: Database.Database, now: number, limit: number): EmailRequestRow[] {
  return db.prepare(`${SELECT} WHERE r.state = 'queued' AND coalesce(d.next_attempt_at, 0) <= ? ORDER BY r.requested_at, r.event_id LIMIT ?`).all(now, limit) as EmailRequestRow[];
}

export function nextDueAt(db: Database.Database): number | undefined {
  const row = db.prepare("SELECT min(coalesce(d.next_attempt_at, 0)) AS t FROM email_requests r LEFT JOIN email_delivery d ON d.event_id = r.event_id WHERE r.state = 'queued'").get() as { t: number | null };
  return row.t ?? undefined;
}

export function listEmails(db: Database.Database, storeId: string, limit: number): EmailRequestRow[] {
  ensureOutboxSchema(db);
  return db.prepare(`${SELECT} WHERE r.store_id = ? ORDER BY r.requested_at DESC, r.event_id DESC LIMIT ?`).all(storeId, limit) as EmailRequestRow[];
}

export function emailById(db: Database.Database, eventId: string): EmailRequestRow | undefined {
  return db.prepare(`${SELECT} WHERE r.event_id = ?`).get(eventId) as EmailRequestRow | undefined;
}

function upsertDelivery(db: Database.Database, eventId: string, now: number, set: Partial<{ attempts: number; next_attempt_at: number; sending_since: number | null; last_error: string | null; message_id: string; sent_at: number }>): void {
  db.prepare("INSERT OR IGNORE INTO email_delivery (event_id, updated_at) VALUES (?, ?)").run(eventId, now);
  const cols = Object.keys(set);
  if (cols.length === 0) return;
  db.prepare(`UPDATE email_delivery SET ${cols.map((c) => `${c} = @${c}`).join(", ")}, updated_at = @updated_at WHERE event_id = @event_id`).run({ ...set, updated_at: now, event_id: eventId });
}

/** Persisted before the SMTP conversation starts: a restart finds it and knows a send may have happened. */
export function markSending(db: Database.Database, eventId: string, messageId: string, now: number): void {
  db.transaction(() => {
    const attempts = (emailById(db, eventId)?.attempts ?? 0) + 1;
    upsertDelivery(db, eventId, now, { attempts, sending_since: now, message_id: messageId });
  })();
}

export function markSent(db: Database.Database, eventId: string, now: number): void {
  db.transaction(() => {
    db.prepare("UPDATE email_requests SET state = 'sent' WHERE event_id = ? AND state = 'queued'").run(eventId);
    upsertDelivery(db, eventId, now, { sent_at: now, sending_since: null, last_error: null });
  })();
}

export function markRetry(db: Database.Database, eventId: string, error: string, nextAttemptAt: number, now: number): void {
  upsertDelivery(db, eventId, now, { sending_since: null, last_error: error.slice(0, 1000), next_attempt_at: nextAttemptAt });
}

export function markFailed(db: Database.Database, eventId: string, error: string, now: number): void {
  db.transaction(() => {
    db.prepare("UPDATE email_requests SET state = 'failed' WHERE event_id = ? AND state = 'queued'").run(eventId);
    upsertDelivery(db, eventId, now, { sending_since: null, last_error: error.slice(0, 1000) });
  })();
}
