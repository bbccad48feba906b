import { checkRange, EMPTY, newStats, type ByteSource } from "./source.js";

/**
 * A source over bytes already in memory (`Uint8Array`, Node `Buffer`, `ArrayBuffer`). Reads
 * are zero-copy views; `stats` still counts them so callers can compare with other backends.
 */
export function fromBytes(data: Uint8Array | ArrayBuffer): ByteSource {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const stats = newStats();
  return {
    size: bytes.byteLength,
    stats,
    async read(offset, length) {
      if (length === 0) return EMPTY;
      checkRange(bytes.byteLength, offset, length);
      stats.calls++;
      stats.bytesRead += length;
      return bytes.subarray(offset, offset + length);
    },
  };
}
