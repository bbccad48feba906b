import { closeSync, read, readSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { ElfError } from "../errors.js";
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
}

const DEFAULT_SYNC_MAX = 64 * 1024;

/** `fs.read` on the thread pool, as a promise. */
function readAsync(fd: number, buffer: Uint8Array, at: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buffer, at, length, position, (err, n) => (err ? reject(err) : resolve(n)));
  });
}

/** Reads of at least this many bytes (without `into`) get a buffer from `largeBuffer`. */
export const LARGE_READ = 1024 * 1024;

/** Above glibc's DEFAULT_MMAP_THRESHOLD_MAX: 32 MiB on 64-bit hosts, 512 KiB on 32-bit ones. */
export const LARGE_BLOCK = 32 * 1024 * 1024 + 64 * 1024;

/**
 * A buffer for a large read, from a block that freeing gives back to the system.
 *
 * glibc's malloc serves a large block with a mapping of its own; when such a block is freed,
 * it raises its mmap threshold to that block's size and its trim threshold to twice that
 * (malloc/malloc.c, `free`: the "dynamic mmap threshold"), but only for blocks up to
 * DEFAULT_MMAP_THRESHOLD_MAX. A scan reads a large Go binary's function name table whole
 * (13 MB for one of this machine's files): once that buffer is freed, every later allocation up
 * to 13 MB comes from the main heap, which then keeps up to 26 MB of freed memory instead of
 * returning it. A block above the maximum is mapped, and unmapped when the collector frees it,
 * without moving either threshold; only the pages the read fills become memory, the rest of
 * the block is address space (commit charge where overcommit is strict). Over this machine's
 * 1,343 files that is 12–15 MB of the CLI's peak RSS; the price is the page faults of fresh
 * memory where glibc would have reused its heap, about 2 % of a scan (bench/README.md,
 * "Memory"). Allocators without such a threshold (musl, macOS) map large blocks anyway: there
 * this costs address space only. Readers that slide a window over megabytes pass `into` and
 * never get here.
 */
function largeBuffer(length: number): Uint8Array {
  // A plain ArrayBuffer (calloc), not Buffer.allocUnsafe: a fresh mapping is zero already, so
  // calloc writes nothing, where under `node --zero-fill-buffers` allocUnsafe would write (and
  // so make resident) the whole block.
  return new Uint8Array(new ArrayBuffer(Math.max(length, LARGE_BLOCK)), 0, length);
}

/** Positional reads of exactly `length` bytes (a file shrinking under us is `TRUNCATED`). */
function preader(
  fd: () => number,
  syncMax: number,
  readLarge: (buffer: Uint8Array, at: number, length: number, position: number) => Promise<number>,
): (offset: number, length: number, into?: Uint8Array) => Promise<Uint8Array> {
  return async (offset, length, into) => {
    // Not zero-filled (every byte is overwritten below, or the read fails), and small ones
    // come from Node's shared pool: a fresh zeroed array per read was a tenth of a scan's time.
    // As a plain Uint8Array (Buffer's own `indexOf` and `subarray` are slower generic ones).
    let buffer: Uint8Array;
    if (into !== undefined) buffer = into.subarray(0, length);
    else if (length >= LARGE_READ) buffer = largeBuffer(length);
    else {
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
  return countingSource(
    size,
    preader(() => handle.fd, syncMax, async (b, at, n, pos) => (await handle.read(b, at, n, pos)).bytesRead),
    ownsHandle ? () => handle.close() : undefined,
  );
}

/**
 * A source over a plain file descriptor (`fs.openSync`), as `fromFileHandle` but without the
 * `FileHandle` object: opening, `fstat` and closing a descriptor synchronously cost about
 * 15 µs per file from the page cache, against about 190 µs for the promise API's round trips
 * through the thread pool (most of the per-file time of a scan of small files). With
 * `ownsFd`, `close()` closes the descriptor (once).
 */
export function fromFileDescriptor(fd: number, size: number, ownsFd = false, options: FileHandleOptions = {}): ByteSource {
  const syncMax = options.syncMax ?? DEFAULT_SYNC_MAX;
  let open = true;
  return countingSource(
    size,
    preader(() => fd, syncMax, (b, at, n, pos) => readAsync(fd, b, at, n, pos)),
    ownsFd
      ? async () => {
          if (open) {
            open = false;
            closeSync(fd);
          }
        }
      : undefined,
  );
}
