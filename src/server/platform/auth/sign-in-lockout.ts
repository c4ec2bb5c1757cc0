/**
 * The lockout after repeated wrong passwords, per typed username AND client address: 5 failures
 * (at sign-in, or as the current password of a change) from one address lock that username from
 * that address for 15 minutes. Kept per username and address so that someone elsewhere cannot
 * lock an official out by typing their username five times; guessing at one username from many
 * addresses is bounded by the per-username throttle (sign-in-throttle.ts).
 *
 * Usernames no account has are counted and locked exactly like real ones, so the answers (401,
 * then 423 with the same message) never tell which usernames exist.
 *
 * In memory and per process, like the throttle: nothing here needs to outlive a restart, and a
 * typed username (which may be a mistyped password) is never written anywhere.
 */
import { AppError } from "../http/errors";
import { chinaTimestamp } from "../time/china-time";
import type { SessionSettings } from "./sessions";

type Entry = { failures: number; lastFailureAt: number; lockedUntil: number };

// Past this many remembered pairs, stale ones are dropped (a flood of made-up usernames).
const PRUNE_ABOVE = 10_000;

export class SignInLockout {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly settings: Pick<SessionSettings, "maxFailures" | "lockMinutes">,
    private readonly now: () => number = Date.now,
  ) {}

  private key(username: string, address: string): string {
    return `${username.toLowerCase()}\u0000${address}`;
  }

  private get windowMs(): number {
    return this.settings.lockMinutes * 60_000;
  }

  /** 423 while this username is locked from this address (known account or not, alike). */
  refuseWhileLocked(username: string, address: string): void {
    const entry = this.entries.get(this.key(username, address));
    if (!entry || entry.lockedUntil <= this.now()) return;
    const until = chinaTimestamp(new Date(entry.lockedUntil)).slice(11, 16);
    throw new AppError(423, "account_locked", {
      zh: `多次登录失败，该账户已暂时锁定，请于 ${until} 后重试`,
      en: `Locked after repeated failures; try again after ${until} (China time)`,
    });
  }

  /**
   * Counts one wrong password; returns the failures so far and whether this one locked. Failures
   * older than the lock window are forgotten, as a lock would have been.
   */
  countFailure(username: string, address: string): { failures: number; locked: boolean } {
    const now = this.now();
    const key = this.key(username, address);
    const previous = this.entries.get(key);
    const fresh = !previous || now - previous.lastFailureAt > this.windowMs;
    const failures = (fresh ? 0 : previous.failures) + 1;
    const locked = failures >= this.settings.maxFailures;
    this.entries.set(key, {
      // Locking starts the count again, as the stored counter did before.
      failures: locked ? 0 : failures,
      lastFailureAt: now,
      lockedUntil: locked ? now + this.windowMs : 0,
    });
    if (this.entries.size > PRUNE_ABOVE) this.prune(now);
    return { failures, locked };
  }

  /** A right password from this address clears its count. */
  clear(username: string, address: string): void {
    this.entries.delete(this.key(username, address));
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.lockedUntil <= now && now - entry.lastFailureAt > this.windowMs) this.entries.delete(key);
    }
  }
}
