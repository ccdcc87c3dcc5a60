/**
 * The tmux configuration every terminal test starts its server with.
 *
 * Note: why not `-f /dev/null` plus `set-option` after `new-session`, as the tests once did.
 * With tmux's default status line, a session made with `-x 80 -y 24` gives its pane 23 rows,
 * and a program started with the session could read 24 rows before the status line took one:
 * a screen drawn one line too tall scrolls its first line away, and inquirer's clean-up, which
 * moves up by the height it drew, then lands on the wrong line and erases the message printed
 * after the prompt. Options set after `new-session` also race the command they should govern.
 * Set here, in the file the server reads before it makes the first pane, they hold from the
 * start: the pane is exactly the size asked for. (No `remain-on-exit`: tmux writes "Pane is
 * dead" below a dead pane's last line and scrolls its first line away; tests keep the pane's
 * shell alive instead.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TMUX_CONF = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'review-tmux-')), 'tmux.conf');
fs.writeFileSync(TMUX_CONF, ['set -g status off', 'set -g history-limit 5000', ''].join('\n'));
