/* One writer per game across tabs, with the Web Locks API: the tab holding the game's lock
 * writes its save; any other tab is read-only until it takes the game over explicitly (a
 * steal) or the holder closes (its queued request is then granted). */

/** What a tab is for its game: the one that writes, one that only reads, or unknown (no Web Locks here). */
export type LockRole = 'writer' | 'reader' | 'unsupported';

/** What a tab hears once it has its role: it lost the game to another tab, or the holder closed and it now writes. */
export interface LockEvents {
  lost(): void;
  freed(): void;
}

const forever = () => new Promise<void>(() => {});
const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/** The cross-tab lock of one game. */
export class GameLock {
  private waiting: AbortController | null = null;
  private generation = 0;

  /** A lock named after the game's save key. */
  constructor(
    readonly name: string,
    private readonly events: LockEvents,
  ) {}

  /** Takes the lock if no other tab holds it; otherwise this tab reads and waits in the queue. */
  async claim(): Promise<LockRole> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return 'unsupported';
    const gen = ++this.generation;
    const got = await new Promise<boolean>((resolve) => {
      locks
        .request(this.name, { ifAvailable: true }, (lock) => {
          resolve(lock !== null);
          return lock ? forever() : undefined;
        })
        .catch((e: unknown) => this.onLost(e, gen));
    });
    if (!got) this.queue();
    return got ? 'writer' : 'reader';
  }

  /** Takes the lock from whichever tab holds it (that tab becomes read-only). */
  async takeOver(): Promise<void> {
    this.waiting?.abort();
    this.waiting = null;
    const gen = ++this.generation;
    await new Promise<void>((resolve) => {
      navigator.locks
        .request(this.name, { steal: true }, () => {
          resolve();
          return forever();
        })
        .catch((e: unknown) => this.onLost(e, gen));
    });
  }

  /** Waits for the holder to go; when it does, this tab holds the lock and is told so. */
  private queue(): void {
    const ctl = new AbortController();
    this.waiting = ctl;
    const gen = ++this.generation;
    navigator.locks
      .request(this.name, { signal: ctl.signal }, () => {
        if (this.waiting === ctl) this.waiting = null;
        this.events.freed();
        return forever();
      })
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) this.onLost(e, gen);
      });
  }

  private onLost(e: unknown, gen: number): void {
    if (!isAbort(e) || gen !== this.generation) return;
    this.events.lost();
    this.queue();
  }
}
