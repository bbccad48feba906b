import { countingSource, type ByteSource } from "./source.js";

/**
 * A source over bytes already in memory (`Uint8Array`, Node `Buffer`, `ArrayBuffer`). Reads
 * are zero-copy views; `stats` still counts them so callers can compare with other backends.
 */
export function fromBytes(data: Uint8Array | ArrayBuffer): ByteSource {
  // A plain Uint8Array view, also of a Node Buffer: Buffer overrides `indexOf` and `subarray`
  // with slower generic versions, and the string tables call `indexOf` once per name.
  const bytes = data instanceof Uint8Array ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  return countingSource(bytes.byteLength, async (offset, length) => bytes.subarray(offset, offset + length));
}
