/** A coded refusal of a device command: `{ error: { code, message } }` with this HTTP status. */
export class OnlineError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
