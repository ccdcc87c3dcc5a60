/**
 * Typed errors thrown by the library. Only the CLI turns them into exit codes:
 * UserError -> 1 (bad input, bad use), NotAvailableError -> 2, anything else -> 2 (internal).
 */
import type { Diagnostic } from './diagnostics.js';

export class UserError extends Error {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export class NotAvailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAvailableError';
  }
}

/** Another process holds the review's lock. */
export class LockedError extends UserError {
  constructor(
    message: string,
    readonly holderPid: number,
  ) {
    super(message);
    this.name = 'LockedError';
  }
}

export const EXIT = { ok: 0, user: 1, internal: 2, notAvailable: 2 } as const;
