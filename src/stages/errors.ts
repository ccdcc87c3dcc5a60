/** Errors of the stages: a message code and its parameters; the CLI puts them into words. */
import { UserError } from '../core/errors.js';
import type { ExtractProblem } from '../core/extraction/validate.js';

export class StageError extends UserError {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number | undefined> = {},
    /** `notAvailable`: the feature is not in this version (exit 2), else bad input (exit 1). */
    readonly kind: 'user' | 'notAvailable' = 'user',
    /** Value problems to list under the message, each with its file and line. */
    readonly problems: { file: string; items: ExtractProblem[] } | undefined = undefined,
  ) {
    super(code);
    this.name = 'StageError';
  }
}
