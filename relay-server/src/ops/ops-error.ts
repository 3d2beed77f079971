/** Coded failures of the operator commands; the CLI prints the code and exits non-zero. */
export type OpsErrorCode =
  | "USAGE"
  | "INVALID_ARGUMENT"
  | "NOT_FOUND"
  | "OWNER_EXISTS"
  | "DATA_DIR_NOT_EMPTY"
  | "DATA_FILE_MISSING"
  | "BACKUP_EXISTS"
  | "BACKUP_INVALID"
  | "VERIFY_FAILED";

export class OpsError extends Error {
  constructor(
    readonly code: OpsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "OpsError";
  }
}
