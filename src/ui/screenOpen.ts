/**
 * Opening a record's link (or its PDF) with the system's opener, without leaving the screen.
 * The commands per platform follow sindresorhus/open (index.js): `open` on macOS, `cmd /c start ""`
 * on Windows, `xdg-open` elsewhere (with `wslview` under WSL). When none starts, or the one that
 * started fails, the caller is told which were tried so the screen can print the link instead.
 */
import { spawn } from 'node:child_process';

export interface OpenerCommand {
  command: string;
  args: (target: string) => string[];
}

export type OpenResult = { ok: true; via: string } | { ok: false; tried: string[] };

/** Commands to try, in order, on this platform. */
export function openerCommands(platform: NodeJS.Platform = process.platform): OpenerCommand[] {
  if (platform === 'darwin') return [{ command: 'open', args: (x) => [x] }];
  // Note: `start` is a cmd builtin; its first quoted argument is the window title, hence the "".
  if (platform === 'win32') return [{ command: 'cmd', args: (x) => ['/c', 'start', '""', x.replace(/&/g, '^&')] }];
  return [
    { command: 'xdg-open', args: (x) => [x] },
    { command: 'wslview', args: (x) => [x] },
  ];
}

/**
 * Hand `target` to the first opener that works. An opener that exits with an error (xdg-open with
 * no browser set up) counts as not working; one still running after `settleMs` (a browser it
 * started in the foreground) counts as working and is left to run on its own.
 */
export function openExternal(target: string, onResult: (r: OpenResult) => void, commands = openerCommands(), settleMs = 3000): void {
  const tried: string[] = [];
  const next = (i: number): void => {
    if (i >= commands.length) return onResult({ ok: false, tried });
    const { command, args } = commands[i];
    tried.push(command);
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (ok) onResult({ ok: true, via: command });
      else next(i + 1);
    };
    // Note: stdio ignored so the opener cannot write over the screen; detached so it outlives a quit.
    const child = spawn(command, args(target), { stdio: 'ignore', detached: true });
    // Note: neither the opener nor the wait for it keeps `review` running after the user quits.
    child.unref();
    const timer = setTimeout(() => settle(true), settleMs);
    timer.unref();
    child.once('error', () => settle(false));
    child.once('exit', (code) => settle(code === 0));
  };
  next(0);
}
