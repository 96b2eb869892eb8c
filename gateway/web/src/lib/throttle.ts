/**
 * At most one action per interval (audit finding 11: at most one message per 500 ms from the composer).
 * `now` is a parameter so tests drive the clock.
 */
export interface Throttle {
  /** True when the action may run now (and the interval starts again); false while it must wait. */
  tryAcquire(): boolean;
  /** Milliseconds until the next action may run; 0 when it may run now. */
  remaining(): number;
}

export function createThrottle(intervalMs: number, now: () => number = () => performance.now()): Throttle {
  let last = Number.NEGATIVE_INFINITY;
  return {
    tryAcquire() {
      const t = now();
      if (t - last < intervalMs) {
        return false;
      }
      last = t;
      return true;
    },
    remaining() {
      return Math.max(0, Math.ceil(last + intervalMs - now()));
    },
  };
}

export const MESSAGE_INTERVAL_MS = 500;
