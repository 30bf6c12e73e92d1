// Restart schedule after the server exits unexpectedly. No `vscode` import: unit-tested.

export interface BackoffOptions {
  /** First delay in ms. */
  initialMs: number;
  /** Largest delay in ms. */
  maxMs: number;
  /** A server that ran at least this long before crashing starts the schedule afresh. */
  stableMs: number;
  /** Crashes in a row (each within `stableMs` of its start) before giving up. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 500,
  maxMs: 30_000,
  stableMs: 60_000,
  maxAttempts: 8,
};

/** The delay before restart attempt `attempt` (1-based): doubling from `initialMs`, capped. */
export function delayFor(attempt: number, o: BackoffOptions = DEFAULT_BACKOFF): number {
  if (attempt < 1) return 0;
  const d = o.initialMs * 2 ** Math.min(attempt - 1, 30);
  return Math.min(d, o.maxMs);
}

/**
 * Decides, each time the server exits, whether to restart it and after how long. Times are
 * passed in (milliseconds), so the schedule is tested without clocks.
 */
export class RestartPolicy {
  private attempts = 0;
  private startedAt: number | undefined;

  constructor(private readonly o: BackoffOptions = DEFAULT_BACKOFF) {}

  /** The server was (re)started at `now`. */
  started(now: number): void {
    this.startedAt = now;
  }

  /** The user restarted it by hand: forget past crashes. */
  reset(): void {
    this.attempts = 0;
  }

  /** The server exited at `now`: `{ restart: true, delayMs }` or `{ restart: false }`. */
  crashed(now: number): { restart: true; delayMs: number; attempt: number } | { restart: false } {
    if (this.startedAt !== undefined && now - this.startedAt >= this.o.stableMs) {
      this.attempts = 0;
    }
    this.attempts += 1;
    if (this.attempts > this.o.maxAttempts) return { restart: false };
    return { restart: true, delayMs: delayFor(this.attempts, this.o), attempt: this.attempts };
  }
}
