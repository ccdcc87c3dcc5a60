/** One writer per review: a lock file holding the writer's pid, host and command. */
import fs from 'node:fs';
import os from 'node:os';
import { LockedError } from '../core/errors.js';

export interface LockInfo {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // Note: a killed process not yet reaped by its parent (a zombie) still answers kill(0);
  // it can write nothing, so its lock is stale.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (not Linux): trust kill(0)
  }
}

/** Take the lock or throw LockedError naming the holder. A lock left by a dead process is taken over. */
export function acquireLock(file: string, command: string): () => void {
  const info: LockInfo = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(info));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          const held = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
          if (held.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: LockInfo | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
      } catch {
        holder = undefined; // torn lock file: its writer died while writing it
      }
      const sameHost = !holder || holder.host === os.hostname();
      if (holder && (!sameHost || alive(holder.pid)) && holder.pid !== process.pid) {
        throw new LockedError(
          { pid: holder.pid, host: holder.host, command: holder.command, since: holder.startedAt, file },
          holder.pid,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new LockedError({ pid: '?', host: '?', command: '?', since: '?', file }, -1);
}
