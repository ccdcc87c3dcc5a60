/** Stage errors carry a message code; here they become text in the user's language. */
import { NotAvailableError, UserError } from '../core/errors.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { StageError } from '../stages/errors.js';
import { problemText } from '../ui/extractForm.js';
import { t } from '../ui/i18n.js';

/** Run `fn`; a StageError comes out as a UserError (or NotAvailableError) with its message. */
export async function inWords<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof StageError) {
      const text = t(e.code, e.params);
      if (e.kind === 'notAvailable') throw new NotAvailableError(text);
      const p = e.problems;
      const diags: Diagnostic[] = p ? p.items.map((x) => ({ code: x.code, reason: problemText(x), file: p.file, line: x.line ?? 0, fatal: true })) : e.diagnostics;
      throw new UserError(text, diags);
    }
    throw e;
  }
}
