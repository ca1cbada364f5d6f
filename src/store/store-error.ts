/**
 * The database could not be opened, is not a vmvc database, or is damaged.
 * The bot stops with this message; the file is never replaced or "repaired".
 */
export class StoreError extends Error {
  readonly code = 'E_STORE';
  constructor(
    readonly file: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot use the database ${file}: ${reason}`, options);
    this.name = 'StoreError';
  }
}
