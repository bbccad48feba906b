import type { FileHandle } from "node:fs/promises";
import { ElfError } from "../errors.js";
import { checkRange, EMPTY, newStats, type ByteSource } from "./source.js";

/**
 * A source over a Node `FileHandle`, with positional reads (`pread`), so nothing but the bytes
 * asked for is read. Node only: reachable from `elfscope/node`, never from the core.
 */
export function fromFileHandle(handle: FileHandle, size: number, ownsHandle = false): ByteSource {
  const stats = newStats();
  return {
    size,
    stats,
    async read(offset, length) {
      if (length === 0) return EMPTY;
      checkRange(size, offset, length);
      stats.calls++;
      const buffer = new Uint8Array(length);
      let done = 0;
      // A positional read may return fewer bytes than asked (a file shrinking under us).
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) throw new ElfError("TRUNCATED", "File shorter than its size", offset + done, length);
        done += bytesRead;
      }
      stats.bytesRead += length;
      return buffer;
    },
    async close() {
      if (ownsHandle) await handle.close();
    },
  };
}
