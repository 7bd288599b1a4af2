// The one source of time: phases open and close by date, tokens expire, and tests move the clock.
let offsetMs = 0;
let frozen: Date | undefined;

export function now(): Date {
  return frozen ? new Date(frozen) : new Date(Date.now() + offsetMs);
}

/** Tests only: freeze the clock at a date (or unfreeze with undefined). */
export function setClock(date: Date | undefined): void {
  frozen = date;
}

/** Tests only: move the clock forward by some milliseconds. */
export function advanceClock(ms: number): void {
  if (frozen) frozen = new Date(frozen.getTime() + ms);
  else offsetMs += ms;
}

export function resetClock(): void {
  frozen = undefined;
  offsetMs = 0;
}

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
export const days = (n: number) => n * 86_400_000;
