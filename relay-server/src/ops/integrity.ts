import Database from "better-sqlite3";

/** `PRAGMA integrity_check` on a file opened read-only; a file SQLite cannot even open is reported, not thrown. */
export function integrityCheck(file: string): { ok: boolean; problems: string[] } {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    const ok = messages.length === 1 && messages[0] === "ok";
    return { ok, problems: ok ? [] : messages };
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  } finally {
    db?.close();
  }
}
