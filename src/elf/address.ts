import { PT_LOAD } from "./constants.js";
import type { Segment } from "./tables.js";

/** A file-backed span of the virtual address space: one `PT_LOAD` segment's file bytes. */
export interface Mapping {
  vaddr: bigint;
  /** `vaddr + filesz`: addresses past this are zero-fill (bss) or unmapped. */
  end: bigint;
  offset: number;
  segment: Segment;
}

/**
 * The loader's view of the file: virtual address → file offset, through `PT_LOAD` only (as the
 * dynamic loader sees it), so it works with section headers stripped. Sorted by address.
 */
export function addressMap(segments: readonly Segment[], fileSize: number, onTruncated?: (s: Segment) => void): Mapping[] {
  const out: Mapping[] = [];
  for (const s of segments) {
    if (s.type !== PT_LOAD || s.filesz === 0) continue;
    // A segment starting outside the file backs nothing.
    if (!(Number.isSafeInteger(s.offset) && s.offset < fileSize)) continue;
    // One running past the end (a truncated download) still backs the bytes that are there,
    // as the kernel's mapping would: only touching the missing pages faults.
    let filesz = s.filesz;
    if (!(filesz <= fileSize - s.offset)) {
      onTruncated?.(s);
      filesz = fileSize - s.offset;
    }
    out.push({ vaddr: s.vaddr, end: s.vaddr + BigInt(filesz), offset: s.offset, segment: s });
  }
  return out.sort((a, b) => (a.vaddr < b.vaddr ? -1 : a.vaddr > b.vaddr ? 1 : 0));
}

/**
 * The mapping containing `addr`, and how many file-backed bytes follow it in that mapping.
 * Overlapping segments (hostile, or odd linker scripts) resolve to the first by address.
 */
export function lookup(map: readonly Mapping[], addr: bigint): { offset: number; available: number; mapping: Mapping } | undefined {
  for (const m of map) {
    if (addr >= m.vaddr && addr < m.end) {
      const delta = Number(addr - m.vaddr);
      return { offset: m.offset + delta, available: Number(m.end - addr), mapping: m };
    }
  }
  return undefined;
}
