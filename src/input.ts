import { ElfError } from "./errors.js";
import { fromBlob, isBlobLike, type BlobLike } from "./io/blob.js";
import { fromBytes } from "./io/bytes.js";
import type { ByteSource } from "./io/source.js";

/** Anything elfscope can read: bytes in memory, a Blob/File, or a ready `ByteSource`. */
export type Input = ByteSource | Uint8Array | ArrayBuffer | BlobLike;

export function isByteSource(x: unknown): x is ByteSource {
  return (
    typeof x === "object" && x !== null && typeof (x as ByteSource).read === "function" && typeof (x as ByteSource).size === "number"
  );
}

export function toSource(input: Input): ByteSource {
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) return fromBytes(input);
  if (isByteSource(input)) return input;
  if (isBlobLike(input)) return fromBlob(input);
  throw new ElfError("READ_FAILED", "Unsupported input: pass a Uint8Array, ArrayBuffer, Blob or ByteSource");
}
