// A pid lock file on the embedded database's folder, so a second process stops at once instead of corrupting it.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export interface Lock {
  release(): void;
}

export class LockedError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number,
  ) {
    super(
      `The data folder is already in use by another Parvis process (pid ${pid}). ` +
        `Stop it first, or start this one with another PARVIS_DATA_DIR. Lock file: ${path}`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(path: string): Lock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {
            // already gone: nothing to release
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new LockedError(path, pid);
      // The process that held it died without cleaning up: the lock is stale.
      unlinkSync(path);
    }
  }
  throw new Error(`Could not take the lock ${path}`);
}
