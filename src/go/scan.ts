import { limits } from "../limits.js";
import type { GoExe } from "./exe.js";

/** A span of the address space to search. */
export interface Span {
  addr: bigint;
  size: number;
}

/** Remaining scan budget across every search of one analysis (`limits.maxScanBytes`). */
export interface ScanBudget {
  left: number;
}

export function newBudget(): ScanBudget {
  return { left: limits.maxScanBytes };
}

/**
 * Reads `span` in chunks (`limits.scanChunkBytes`, as Go's `debug/buildinfo` `searchMagic`
 * reads 1 MiB at a time) and calls `visit` on each, until it returns a result. Consecutive
 * chunks overlap by `overlap` bytes so a pattern straddling a boundary is still seen; `visit`
 * gets the chunk and the address of its first byte. Stops when the shared budget runs out.
 *
 * Every chunk is read into one buffer (the source's `into`), so `visit` must keep no view of
 * a chunk once it returns: a search through tens of megabytes of data then leaves one buffer
 * behind, not one per megabyte.
 */
export async function scanSpan<T>(
  exe: GoExe,
  span: Span,
  overlap: number,
  budget: ScanBudget,
  visit: (chunk: Uint8Array, addr: bigint) => T | undefined,
): Promise<T | undefined> {
  let pos = 0;
  let own: Uint8Array | undefined;
  while (pos < span.size && budget.left > 0) {
    const length = Math.min(limits.scanChunkBytes, span.size - pos, budget.left);
    if (own === undefined || own.length < length) own = new Uint8Array(length);
    const chunk = await exe.readVirtual(span.addr + BigInt(pos), length, own);
    budget.left -= length;
    const hit = visit(chunk, span.addr + BigInt(pos));
    if (hit !== undefined) return hit;
    if (pos + length >= span.size) break;
    // Step back by `overlap`, but always move forward (and keep 16-byte alignment of chunks).
    pos += Math.max(16, (length - overlap) & ~15);
  }
  return undefined;
}

/**
 * Offsets in `chunk` where `magic` starts, at addresses that are multiples of `align`
 * (`chunkAddr` may be unaligned). Uses `indexOf` on the first byte so most bytes are skipped
 * natively.
 */
export function* magicHits(chunk: Uint8Array, chunkAddr: bigint, magic: Uint8Array, align: number): Generator<number> {
  const first = magic[0]!;
  const skew = Number(chunkAddr % BigInt(align));
  let i = chunk.indexOf(first);
  while (i >= 0 && i + magic.length <= chunk.length) {
    if ((i + skew) % align === 0 && matchesAt(chunk, i, magic)) yield i;
    i = chunk.indexOf(first, i + 1);
  }
}

export function matchesAt(bytes: Uint8Array, at: number, magic: Uint8Array): boolean {
  for (let j = 0; j < magic.length; j++) if (bytes[at + j] !== magic[j]) return false;
  return true;
}

/** The file-backed spans of the non-executable segments, read-only ones first. */
export function dataSpans(exe: GoExe, which: "readonly" | "writable" | "all"): Span[] {
  const segs = exe.segments.filter((s) => !s.executable);
  const ro = segs.filter((s) => !s.writable);
  const rw = segs.filter((s) => s.writable);
  const pick = which === "readonly" ? ro : which === "writable" ? rw : [...ro, ...rw];
  return pick.map((s) => ({ addr: s.addr, size: s.size }));
}
