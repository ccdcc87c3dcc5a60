/**
 * Typed errors thrown by the library. Only the CLI turns them into exit codes:
 * UserError -> 1 (bad input, bad use), NotAvailableError (or a CodedUserError of kind
 * `notAvailable`) -> 2, anything else -> 2 (internal).
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

/** The values a coded error's sentence names; an absent value stays out of the sentence. */
export type ErrorParams = Record<string, string | number | undefined>;

/**
 * The one error thrown below the UI: a code and parameters instead of a sentence; the CLI turns
 * it into text through the message catalogue (ui/diagnosticText.ts: `error.<CODE>`, or the
 * catalogue key itself when the code is one, e.g. `extract.noFields`).
 */
export class CodedUserError extends UserError {
  constructor(
    readonly code: string,
    readonly params: ErrorParams = {},
    diagnostics: Diagnostic[] = [],
    /** `notAvailable`: the feature is not in this version (exit 2); else bad input or use (exit 1). */
    readonly kind: 'user' | 'notAvailable' = 'user',
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
