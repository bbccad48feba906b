import { readSync } from "node:fs";
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

/**
 * A source over a Node `FileHandle`, with positional reads (`pread`), so nothing but the bytes
 * asked for is read. Node only: reachable from `elfscope/node`, never from the core.
 */
export function fromFileHandle(handle: FileHandle, size: number, ownsHandle = false, options: FileHandleOptions = {}): ByteSource {
  const syncMax = options.syncMax ?? 64 * 1024;
  return countingSource(
    size,
    async (offset, length) => {
      const buffer = new Uint8Array(length);
      let done = 0;
      // A positional read may return fewer bytes than asked (a file shrinking under us).
      while (done < length) {
        const bytesRead =
          length <= syncMax
            ? readSync(handle.fd, buffer, done, length - done, offset + done)
            : (await handle.read(buffer, done, length - done, offset + done)).bytesRead;
        if (bytesRead === 0) throw new ElfError("TRUNCATED", "File shorter than its size", offset + done, length);
        done += bytesRead;
      }
      return buffer;
    },
    ownsHandle ? () => handle.close() : undefined,
  );
}
