/**
 * Typed errors thrown by the library. Only the CLI turns them into exit codes:
 * UserError -> 1 (bad input, bad use), NotAvailableError -> 2, anything else -> 2 (internal).
 */
import type { Diagnostic, DiagnosticParams } from './diagnostics.js';

export class UserError extends Error {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * A UserError that carries a code and parameters instead of a sentence (thrown below the UI);
 * the CLI turns it into text through the message catalogue (`error.<CODE>`).
 */
export class CodedUserError extends UserError {
  constructor(
    readonly code: string,
    readonly params: DiagnosticParams = {},
    diagnostics: Diagnostic[] = [],
  ) {
    super(code, diagnostics);
    this.name = 'CodedUserError';
  }
}

export class NotAvailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAvailableError';
  }
}

/** Another process holds the review's lock (code `LOCKED`; params name the holder and the lock file). */
export class LockedError extends CodedUserError {
  constructor(
    params: DiagnosticParams,
    readonly holderPid: number,
  ) {
    super('LOCKED', params);
    this.name = 'LockedError';
  }
}

export const EXIT = { ok: 0, user: 1, internal: 2, notAvailable: 2 } as const;
