import { ImmutableString } from "@automerge/automerge";

/**
 * Automerge 3 turns plain strings into collaborative text, which costs ~3× the bytes and made a
 * 2,000-receipt document load in 13 s instead of 0.4 s (research/automerge.md §4.5). Nothing we
 * store is co-edited text, so every string goes in as an ImmutableString.
 */
export type Stored<T> = T extends string
  ? ImmutableString
  : T extends readonly (infer U)[]
    ? Stored<U>[]
    : T extends object
      ? { [K in keyof T]: Stored<T[K]> }
      : T;

export function toStored<T>(value: T): Stored<T> {
  return convertIn(value) as Stored<T>;
}

function convertIn(value: unknown): unknown {
  if (typeof value === "string") return new ImmutableString(value);
  if (Array.isArray(value)) return value.map(convertIn);
  if (value !== null && typeof value === "object" && !(value instanceof ImmutableString) && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    // undefined is not storable in Automerge: optional fields are simply left out.
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = convertIn(v);
    return out;
  }
  return value;
}

/** Reads a stored value back as plain JSON-like data (a detached copy, safe to keep after the doc changes). */
export function fromStored<T>(value: Stored<T> | unknown): T {
  return convertOut(value) as T;
}

function convertOut(value: unknown): unknown {
  if (value instanceof ImmutableString) return value.val;
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(convertOut);
  if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = convertOut(v);
    return out;
  }
  return value;
}

/** A stored scalar string field read as a plain string (ImmutableString or, defensively, a string). */
export function str(value: unknown): string {
  if (value instanceof ImmutableString) return value.val;
  return typeof value === "string" ? value : String(value);
}

/**
 * A value stored whole, as one ImmutableString of its JSON: one Automerge operation instead of one
 * per field. For facts that are written once and never edited (journal events, SPEC DOC8): a
 * 40-field receipt stored field by field cost ~70 operations, and every sync, load and patch pays
 * per operation (2 × 2,000 offline receipts took the relay ~10 s of CPU to take in).
 */
export function toSealed(value: unknown): ImmutableString {
  return new ImmutableString(JSON.stringify(value));
}

/** Reads a sealed value, or one stored field by field (`toStored`, what journals held before DOC8). */
export function fromSealed<T>(value: unknown): T {
  if (value instanceof ImmutableString) return JSON.parse(value.val) as T;
  if (typeof value === "string") return JSON.parse(value) as T;
  return fromStored<T>(value);
}
