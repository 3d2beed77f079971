/** A request came back 401: the session ended (expired or signed out elsewhere). The app shows sign-in. */
export class SessionExpiredEvent extends Event {
  constructor() {
    super("bo-session-expired", { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    "bo-session-expired": SessionExpiredEvent;
  }
}
