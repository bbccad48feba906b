/** The three backends, for matrix tests: the same assertions must hold through each. */
import { open, readFile } from "node:fs/promises";
import { fromBlob, fromBytes, type ByteSource } from "../../src/index.js";
import { fromFileHandle } from "../../src/io/filehandle.js";

export type SourceKind = "bytes" | "blob" | "filehandle";
export const SOURCE_KINDS: SourceKind[] = ["bytes", "blob", "filehandle"];

export async function sourceFor(kind: SourceKind, path: string): Promise<ByteSource> {
  if (kind === "filehandle") {
    const h = await open(path, "r");
    return fromFileHandle(h, (await h.stat()).size, true);
  }
  const bytes = await readFile(path);
  return kind === "bytes" ? fromBytes(bytes) : fromBlob(new Blob([bytes]));
}
