import { closeSync, read, readSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { ElfError } from "../errors.js";
import type { ReadBufferPool } from "./buffer-pool.js";
import { countingSource, type ByteSource } from "./source.js";

export interface FileHandleOptions {
  /**
   * Reads up to this many bytes are issued synchronously (`pread` on the handle's descriptor);
   * larger ones asynchronously. An ELF report needs a handful of reads of a few hundred bytes
   * each: from the page cache such a `pread` takes a few microseconds, while a `FileHandle.read`
   * round trip through libuv's thread pool costs tens (it was 80 % of the in-process time). Set 0
   * for strictly asynchronous reads (slow or network file systems, where a read may block).
   * Default 64 KiB.
   */
  syncMax?: number;
  /**
   * Where large reads (the pool's `minRead`, 1 MiB by default) get their buffers: taken from
   * the pool and given back when the source closes, for the next file to reuse. Only for
   * callers that use nothing read through the source once it is closed (an `inspect` report
   * holds no bytes: `inspectFile` and the CLI qualify); a view kept past `close()` would see
   * another file's bytes. See `ReadBufferPool` for what it saves.
   */
  pool?: ReadBufferPool;
}

const DEFAULT_SYNC_MAX = 64 * 1024;

/** `fs.read` on the thread pool, as a promise. */
function readAsync(fd: number, buffer: Uint8Array, at: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buffer, at, length, position, (err, n) => (err ? reject(err) : resolve(n)));
  });
}

/** Buffers a source took from its pool, given back on close. */
interface Borrowed {
  pool: ReadBufferPool;
  buffers: ArrayBuffer[];
}

function borrowing(options: FileHandleOptions): Borrowed | undefined {
  return options.pool === undefined ? undefined : { pool: options.pool, buffers: [] };
}

/** A source's `close()`: the borrowed buffers go back to their pool, then what it owns is closed. */
function closer(borrowed: Borrowed | undefined, closeOwned: (() => Promise<void>) | undefined): (() => Promise<void>) | undefined {
  if (borrowed === undefined) return closeOwned;
  return async () => {
    for (const b of borrowed.buffers.splice(0)) borrowed.pool.give(b);
    await closeOwned?.();
  };
}

/** Positional reads of exactly `length` bytes (a file shrinking under us is `TRUNCATED`). */
function preader(
  fd: () => number,
  syncMax: number,
  readLarge: (buffer: Uint8Array, at: number, length: number, position: number) => Promise<number>,
  borrowed: Borrowed | undefined,
): (offset: number, length: number, into?: Uint8Array) => Promise<Uint8Array> {
  return async (offset, length, into) => {
    // Not zero-filled (every byte is overwritten below, or the read fails), and small ones
    // come from Node's shared Buffer pool: a fresh zeroed array per read was a tenth of a scan's time.
    // As a plain Uint8Array (Buffer's own `indexOf` and `subarray` are slower generic ones).
    let buffer: Uint8Array;
    if (into !== undefined) buffer = into.subarray(0, length);
    else if (borrowed !== undefined && length >= borrowed.pool.minRead) {
      const block = borrowed.pool.take(length);
      borrowed.buffers.push(block);
      buffer = new Uint8Array(block, 0, length);
    } else {
      const pooled = Buffer.allocUnsafe(length);
      buffer = new Uint8Array(pooled.buffer, pooled.byteOffset, length);
    }
    let done = 0;
    // A positional read may return fewer bytes than asked (a file shrinking under us).
    while (done < length) {
      const bytesRead =
        length <= syncMax
          ? readSync(fd(), buffer, done, length - done, offset + done)
          : await readLarge(buffer, done, length - done, offset + done);
      if (bytesRead === 0) throw new ElfError("TRUNCATED", "File shorter than its size", offset + done, length);
      done += bytesRead;
    }
    return buffer;
  };
}

/**
 * A source over a Node `FileHandle`, with positional reads (`pread`), so nothing but the bytes
 * asked for is read. Node only: reachable from `elfscope/node`, never from the core.
 */
export function fromFileHandle(handle: FileHandle, size: number, ownsHandle = false, options: FileHandleOptions = {}): ByteSource {
  const syncMax = options.syncMax ?? DEFAULT_SYNC_MAX;
  const borrowed = borrowing(options);
  return countingSource(
    size,
    preader(() => handle.fd, syncMax, async (b, at, n, pos) => (await handle.read(b, at, n, pos)).bytesRead, borrowed),
    closer(borrowed, ownsHandle ? () => handle.close() : undefined),
  );
}

/**
 * A source over a plain file descriptor (`fs.openSync`), as `fromFileHandle` but without the
 * `FileHandle` object: opening, `fstat` and closing a descriptor synchronously cost about
 * 15 µs per file from the page cache, against about 190 µs for the promise API's round trips
 * through the thread pool (most of the per-file time of a scan of small files). With
 * `ownsFd`, `close()` closes the descriptor (once); with a `pool`, it gives the pool's buffers back.
 */
export function fromFileDescriptor(fd: number, size: number, ownsFd = false, options: FileHandleOptions = {}): ByteSource {
  const syncMax = options.syncMax ?? DEFAULT_SYNC_MAX;
  const borrowed = borrowing(options);
  let open = true;
  return countingSource(
    size,
    preader(() => fd, syncMax, (b, at, n, pos) => readAsync(fd, b, at, n, pos), borrowed),
    closer(
      borrowed,
      ownsFd
        ? async () => {
            if (open) {
              open = false;
              closeSync(fd);
            }
          }
        : undefined,
    ),
  );
}
