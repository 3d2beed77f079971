import type { AutomergeUrl, DocHandle, Repo } from "@automerge/automerge-repo/slim";

/** How long a document found "unavailable" may take to arrive after all. */
const LATE_ARRIVAL_MS = 15_000;

/**
 * `repo.find` that survives a premature "unavailable" (chaos finding F3). automerge-repo calls a
 * document unavailable when no connected peer has it — also when the relay connection is still
 * being set up, or when the relay answered before reading its own storage (research/reliability.md
 * §2.4). "Unavailable" is not terminal: the handle turns ready when the document arrives, as it does
 * once the relay is connected. So wait a little for it before giving up (SPEC S18). A document that
 * is on the device is ready at once; only a register's very first start can wait.
 */
export async function findAvailable<T>(repo: Repo, url: string, waitMs = LATE_ARRIVAL_MS): Promise<DocHandle<T>> {
  const handle = await repo.find<T>(url as AutomergeUrl, { allowableStates: ["ready", "unavailable"] });
  if (handle.isReady()) return handle;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([handle.whenReady(["ready"]), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
  if (handle.isReady()) return handle;
  throw new Error(`Document ${url} is unavailable`);
}
