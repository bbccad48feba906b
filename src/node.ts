/**
 * elfscope for Node: file access with positional reads (a plain descriptor, or a `FileHandle`
 * with `syncMax: 0`), so only the bytes an answer needs are read. Everything else is
 * re-exported from the core.
 */
import { closeSync, constants, fstatSync, openSync } from "node:fs";
import { open } from "node:fs/promises";
import { ElfError } from "./errors.js";
import { fromFileDescriptor, fromFileHandle, type FileHandleOptions } from "./io/filehandle.js";
import type { ByteSource, ReadStats } from "./io/source.js";
import { ElfFile, inspect, type InspectOptions, type OpenOptions, type Report } from "./index.js";

export * from "./index.js";
export { fromFileDescriptor, fromFileHandle, type FileHandleOptions } from "./io/filehandle.js";
export { ReadBufferPool } from "./io/buffer-pool.js";

/**
 * Opens `path` as a `ByteSource`; call `close()` when done.
 *
 * By default the file is opened, `fstat`ed and (on `close()`) closed synchronously, and reads up
 * to 64 KiB are synchronous `pread`s: from the page cache that is about 15 µs per file, where the
 * promise API's thread-pool round trips cost about 190 µs. With `syncMax: 0` (slow or network
 * file systems, where a call may block) everything goes through `fs/promises` instead.
 */
export async function openFile(path: string, options: FileHandleOptions = {}): Promise<ByteSource> {
  // O_NONBLOCK: opening a FIFO read-only would otherwise wait forever for a writer; it has no
  // effect on regular files, and anything that is not a regular file is refused just below.
  const flags = constants.O_RDONLY | constants.O_NONBLOCK;
  if (options.syncMax !== 0) {
    const fd = openSync(path, flags);
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new ElfError("READ_FAILED", "Not a regular file", undefined, path);
      return fromFileDescriptor(fd, st.size, true, options);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }
  const handle = await open(path, flags);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new ElfError("READ_FAILED", "Not a regular file", undefined, path);
    return fromFileHandle(handle, st.size, true, options);
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** Opens an ELF file on disk. The caller closes `elf.source` when done. */
export async function openElfFile(path: string, options: OpenOptions = {}): Promise<ElfFile> {
  const source = await openFile(path);
  try {
    return await ElfFile.open(source, options);
  } catch (e) {
    await source.close?.();
    throw e;
  }
}

export interface InspectFileOptions extends InspectOptions, FileHandleOptions {
  /**
   * When given, receives the file source's read counters (bytes read, read calls) once the
   * file is closed, whether the inspection succeeded or not: the CLI's `--stats`.
   */
  stats?: ReadStats;
}

/** The whole report for a file on disk; the file is closed before this returns. */
export async function inspectFile(path: string, options: InspectFileOptions = {}): Promise<Report> {
  const { stats, syncMax, pool, ...rest } = options;
  const source = await openFile(path, { ...(syncMax === undefined ? {} : { syncMax }), ...(pool === undefined ? {} : { pool }) });
  try {
    return await inspect(source, { path, ...rest });
  } finally {
    await source.close?.();
    if (stats !== undefined) Object.assign(stats, source.stats);
  }
}
