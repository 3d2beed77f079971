import * as A from "@automerge/automerge";
import { isValidDocumentId } from "@automerge/automerge-repo/slim";

/** Message types a peer may send; `peer` and `error` are the server's own. */
const PEER_TYPES = new Set(["join", "sync", "request", "doc-unavailable", "ephemeral", "remote-heads-changed", "remote-subscription-change"]);
/** Types that must carry a document id, and of those, the ones with binary data. */
const DOCUMENT_TYPES = new Set(["sync", "request", "doc-unavailable", "ephemeral", "remote-heads-changed"]);
const DATA_TYPES = new Set(["sync", "request", "ephemeral"]);
// automerge-repo's storage ids are UUIDs; they become storage key parts, where "/" would be refused.
const STORAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface Envelope {
  readonly type: string;
  readonly senderId: string;
  readonly documentId: string | undefined;
  /** Changes carried by a sync or request message (0 for other types). */
  readonly changes: number;
}

export type EnvelopeCheck = { ok: true; envelope: Envelope } | { ok: false; detail: string };

/**
 * Checks the shape of a decoded frame before any automerge-repo code touches it. Everything the
 * stock code would destructure, use as a storage key or hand to Automerge is checked here, so that
 * bad input is refused with a reason instead of throwing somewhere the relay can't catch it
 * (research/automerge.md §3.7 P8; the Repo logs and swallows a corrupt sync message without closing).
 */
export function checkEnvelope(message: unknown): EnvelopeCheck {
  if (message === null || typeof message !== "object" || Array.isArray(message) || message instanceof Uint8Array) return fail("not an object");
  const m = message as Record<string, unknown>;
  const type = m["type"];
  const senderId = m["senderId"];
  if (typeof type !== "string" || !PEER_TYPES.has(type)) return fail(`unknown type ${typeof type === "string" ? type.slice(0, 40) : typeof type}`);
  if (typeof senderId !== "string" || senderId === "") return fail("senderId is not a string");
  if (type === "join") return checkJoin(m, senderId);

  let documentId: string | undefined;
  if (DOCUMENT_TYPES.has(type)) {
    const id = m["documentId"];
    if (typeof id !== "string" || !isValidDocumentId(id)) return fail(`${type} without a valid documentId`);
    documentId = id;
  }
  let changes = 0;
  if (DATA_TYPES.has(type)) {
    const data = m["data"];
    if (!(data instanceof Uint8Array) || data.byteLength === 0) return fail(`${type} without binary data`);
    if (type !== "ephemeral") {
      try {
        changes = A.decodeSyncMessage(data).changes.length;
      } catch {
        return fail(`${type} data is not an Automerge sync message`);
      }
    }
  }
  return { ok: true, envelope: { type, senderId, documentId, changes } };
}

function checkJoin(m: Record<string, unknown>, senderId: string): EnvelopeCheck {
  const versions = m["supportedProtocolVersions"];
  if (versions !== undefined && !(Array.isArray(versions) && versions.every((v) => typeof v === "string"))) return fail("join with bad supportedProtocolVersions");
  const meta = m["peerMetadata"];
  if (meta !== undefined) {
    if (meta === null || typeof meta !== "object" || Array.isArray(meta)) return fail("join with bad peerMetadata");
    const { storageId, isEphemeral } = meta as Record<string, unknown>;
    if (storageId !== undefined && (typeof storageId !== "string" || !STORAGE_ID.test(storageId))) return fail("join with bad storageId");
    if (isEphemeral !== undefined && typeof isEphemeral !== "boolean") return fail("join with bad isEphemeral");
  }
  return { ok: true, envelope: { type: "join", senderId, documentId: undefined, changes: 0 } };
}

function fail(detail: string): EnvelopeCheck {
  return { ok: false, detail };
}
