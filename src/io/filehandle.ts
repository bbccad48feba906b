import type { FileHandle } from "node:fs/promises";
import { ElfError } from "../errors.js";
import { countingSource, type ByteSource } from "./source.js";

/**
 * A source over a Node `FileHandle`, with positional reads (`pread`), so nothing but the bytes
 * asked for is read. Node only: reachable from `elfscope/node`, never from the core.
 */
export function fromFileHandle(handle: FileHandle, size: number, ownsHandle = false): ByteSource {
  return countingSource(
    size,
    async (offset, length) => {
      const buffer = new Uint8Array(length);
      let done = 0;
      // A positional read may return fewer bytes than asked (a file shrinking under us).
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) throw new ElfError("TRUNCATED", "File shorter than its size", offset + done, length);
        done += bytesRead;
      }
      return buffer;
    },
    ownsHandle ? () => handle.close() : undefined,
  );
}
