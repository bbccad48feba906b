import { countingSource, type ByteSource } from "./source.js";

/** The part of the DOM `Blob` interface we use; Node 20 has `Blob` too. */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * A source over a `Blob` or `File` (a browser upload, a drag-and-drop). Each read slices the
 * blob, so a 90 MB file is never loaded whole.
 */
export function fromBlob(blob: BlobLike): ByteSource {
  return countingSource(blob.size, async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()));
}

export function isBlobLike(x: unknown): x is BlobLike {
  return (
    typeof x === "object" &&
    x !== null &&
    typeof (x as BlobLike).slice === "function" &&
    typeof (x as BlobLike).size === "number" &&
    !(x instanceof Uint8Array)
  );
}
