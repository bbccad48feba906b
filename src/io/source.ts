import { ElfError } from "../errors.js";

/** What a source has read so far: the benchmark and `--stats` print these. */
export interface ReadStats {
  /** Bytes fetched from the backing store (after caching and coalescing). */
  bytesRead: number;
  /** Reads issued to the backing store. */
  calls: number;
}

/**
 * Random access to the bytes of one file. Offsets are explicit: there is no shared cursor,
 * so independent parsers can read concurrently.
 */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Counters of real reads from the backing store. */
  readonly stats: ReadStats;
  /**
   * Reads exactly `length` bytes at `offset`. Throws `ElfError` `OUT_OF_BOUNDS` when the range
   * is not inside the source. A zero-length read succeeds at any offset. The returned array
   * may be a view into a shared buffer: do not modify it.
   *
   * `into`, when given, is a buffer of the caller's that a source reading from storage may fill
   * (from its start) and return a view of, instead of allocating: a reader sliding a window over
   * megabytes (Go's function table) then reuses one buffer rather than leaving a trail of
   * garbage for the collector. The caller must no longer need its bytes. Sources over memory
   * ignore it and return their zero-copy view.
   */
  read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array>;
  /** Releases resources (file handles). Sources over memory do nothing. */
  close?(): Promise<void>;
}

export const EMPTY = new Uint8Array(0);

/**
 * The bounds gate every source applies before touching its backing store. Written so that no
 * sum can overflow: `length <= size - offset` rather than `offset + length <= size`.
 */
export function checkRange(size: number, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    // An offset past 2^53 (a 64-bit field near 2^64) is the interesting value, not the length.
    const safe = Number.isSafeInteger(offset);
    throw new ElfError("OUT_OF_BOUNDS", "Invalid read range", safe ? offset : undefined, safe ? length : offset);
  }
  if (offset > size || length > size - offset) {
    throw new ElfError("OUT_OF_BOUNDS", "Read past the end of the file", offset, length);
  }
}

/**
 * A backend only fetches; this wraps it with what every source must do the same way: the
 * bounds gate, zero-length reads, and the counters.
 */
export function countingSource(
  size: number,
  fetch: (offset: number, length: number, into?: Uint8Array) => Promise<Uint8Array>,
  close?: () => Promise<void>,
): ByteSource {
  const stats: ReadStats = { bytesRead: 0, calls: 0 };
  const source: ByteSource = {
    size,
    stats,
    async read(offset, length, into) {
      if (length === 0) return EMPTY;
      checkRange(size, offset, length);
      stats.calls++;
      const bytes = await fetch(offset, length, into !== undefined && into.length >= length ? into : undefined);
      stats.bytesRead += length;
      return bytes;
    },
  };
  if (close !== undefined) source.close = close;
  return source;
}
