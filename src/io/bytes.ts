import { countingSource, type ByteSource } from "./source.js";

/**
 * A source over bytes already in memory (`Uint8Array`, Node `Buffer`, `ArrayBuffer`). Reads
 * are zero-copy views; `stats` still counts them so callers can compare with other backends.
 */
export function fromBytes(data: Uint8Array | ArrayBuffer): ByteSource {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  return countingSource(bytes.byteLength, async (offset, length) => bytes.subarray(offset, offset + length));
}
