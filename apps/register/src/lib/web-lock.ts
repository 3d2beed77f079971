/** The lock one register per browser profile holds for its page's whole life (DESIGN §5). */
export const REGISTER_LOCK = "kasa-register";

export type LockOutcome = "held" | "busy" | "unsupported";

/**
 * Takes the register lock if no other tab or window holds it, and keeps it until the page goes
 * away (the callback's promise never settles). Two open tabs could otherwise issue the same
 * receipt number.
 */
export function holdRegisterLock(locks: LockManager | undefined = navigator.locks): Promise<LockOutcome> {
  if (!locks) return Promise.resolve("unsupported");
  return new Promise<LockOutcome>((resolve, reject) => {
    locks
      .request(REGISTER_LOCK, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve("busy");
          return undefined;
        }
        resolve("held");
        return new Promise<never>(() => {});
      })
      .catch(reject);
  });
}
