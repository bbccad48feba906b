/**
 * Buffers for a file source's large reads, handed back when the source closes and reused for
 * the next file: for a caller that inspects many files one after another and keeps nothing a
 * source read once it is closed (the CLI: a report is plain data).
 *
 * Why: a large Go binary's report reads its function name table whole (13 MB for one file of
 * this machine's). A new buffer per such read leaves the garbage collector to free it later,
 * and glibc then keeps the memory: freeing a block it had mapped for a large malloc raises its
 * mmap threshold to that block's size and its trim threshold to twice that (malloc/malloc.c,
 * `free`, the "dynamic mmap threshold"), so from then on allocations up to 13 MB come from the
 * main heap, which holds up to 26 MB of freed memory rather than return it. Pooled buffers are
 * allocated once and never freed, so that does not happen, and a later read reuses pages
 * already in memory. Over this machine's 1,343 files the pool lowers the CLI's peak RSS by
 * 12–15 MB at no cost in time (bench/README.md, "Memory").
 *
 * Tried first: giving every large read a fresh block above the threshold maximum, for every
 * caller and without a pool. It saved as much, but each such block counts its full size
 * towards V8's external memory, whose growth starts collections: 7–10 % slower scans.
 *
 * Each buffer is at least `BLOCK` bytes, above glibc's DEFAULT_MMAP_THRESHOLD_MAX (32 MiB on
 * 64-bit hosts, 512 KiB on 32-bit ones): any name table up to that size fits any pooled
 * buffer, and one the pool drops is unmapped without moving the thresholds. Only the pages a
 * read touches become memory; the rest of a block is address space.
 */
export class ReadBufferPool {
  /** Reads of at least this many bytes take a pooled buffer; smaller ones are cheap to free. */
  readonly minRead: number;
  /** Buffers kept for reuse; one more given back is dropped. */
  readonly maxFree: number;
  /**
   * A buffer that ever held a read longer than this is dropped when given back: the pages a
   * read filled stay memory for as long as the pool keeps the buffer, so one exceptional file
   * (a 13 MB name table) must not set the process's memory for the rest of a scan.
   */
  readonly keepUpTo: number;

  private readonly free: ArrayBuffer[] = [];
  /** The longest read each buffer has held: how much of it is memory. */
  private readonly filled = new WeakMap<ArrayBuffer, number>();

  /**
   * `minRead` defaults to 1 MiB; `maxFree` to 2 (the CLI's byte budget lets one large Go
   * binary run at a time, next to smaller files); `keepUpTo` to 8 MiB (measured: 3 MB less
   * peak over 1,343 files than keeping every buffer, in the same time).
   */
  constructor(options: { minRead?: number; maxFree?: number; keepUpTo?: number } = {}) {
    this.minRead = options.minRead ?? 1024 * 1024;
    this.maxFree = options.maxFree ?? 2;
    this.keepUpTo = options.keepUpTo ?? 8 * 1024 * 1024;
  }

  /** A buffer of at least `length` bytes, the caller's until it is given back. */
  take(length: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i]!.byteLength;
      if (size >= length && (best < 0 || size < this.free[best]!.byteLength)) best = i;
    }
    // Not zero-filled by hand: a fresh mapping is zero already, and every read overwrites.
    const buffer = best >= 0 ? this.free.splice(best, 1)[0]! : new ArrayBuffer(Math.max(length, BLOCK));
    this.filled.set(buffer, Math.max(this.filled.get(buffer) ?? 0, length));
    return buffer;
  }

  /** Returns a buffer from `take`; nothing may use its bytes afterwards. */
  give(buffer: ArrayBuffer): void {
    if ((this.filled.get(buffer) ?? 0) > this.keepUpTo) return;
    if (this.free.length < this.maxFree && !this.free.includes(buffer)) this.free.push(buffer);
  }

  /** Buffers waiting for reuse (tests, diagnostics). */
  get size(): number {
    return this.free.length;
  }
}

/** Above glibc's DEFAULT_MMAP_THRESHOLD_MAX (see `ReadBufferPool`). */
const BLOCK = 32 * 1024 * 1024 + 64 * 1024;
