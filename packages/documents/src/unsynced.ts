import * as A from "@automerge/automerge";

/**
 * Ids of the events in `doc` that are not in the document as it stood at `durableHeads` (what the
 * relay has on disk). Works by diffing, so the cost follows the unsynced part, not the history.
 * With no durable heads, every event is unsynced.
 */
export function unsyncedEventIds(doc: A.Doc<unknown>, durableHeads: readonly string[] | undefined): string[] {
  const events = (doc as { events?: Record<string, unknown> }).events ?? {};
  const all = Object.keys(events);
  if (!durableHeads || durableHeads.length === 0) return all;
  // Heads we have never seen (say, from a relay that knows a newer state) can't be diffed against.
  if (!A.hasHeads(doc, [...durableHeads])) return all;
  const ids = new Set<string>();
  for (const patch of A.diff(doc, [...durableHeads], A.getHeads(doc))) {
    if (patch.path[0] === "events" && typeof patch.path[1] === "string") ids.add(patch.path[1]);
  }
  return [...ids].filter((id) => events[id] !== undefined);
}
