import { ElfError, type Diagnostics } from "../errors.js";
import type { ByteView } from "../io/view.js";
import { limits } from "../limits.js";
import type { Layout } from "./layout.js";
import type { StringLookup } from "./strings.js";

export interface ElfSymbol {
  /** Index in its symbol table (what `DT_VERSYM` and relocations refer to). */
  index: number;
  name: string;
  value: bigint;
  size: bigint;
  /** `ELF_ST_TYPE`: STT_FUNC, STT_OBJECT… */
  type: number;
  /** `ELF_ST_BIND`: STB_GLOBAL, STB_WEAK… */
  bind: number;
  visibility: number;
  shndx: number;
  /** For dynamic symbols with `DT_VERSYM`: "GLIBC_2.34" and the like. */
  version?: string;
  /** The version is hidden (`@` rather than `@@`). */
  hidden?: boolean;
}

/**
 * Reads `count` symbols, or only those whose section index `keep` accepts (imports are
 * `SHN_UNDEF`). Names that cannot be read become "" with one warning for the table. `count`
 * must already be checked against the bytes in `v` by the caller.
 */
export function parseSymbols(
  v: ByteView,
  layout: Layout,
  count: number,
  strings: StringLookup | undefined,
  diag: Diagnostics,
  keep?: (shndx: number) => boolean,
): ElfSymbol[] {
  const s = layout.sym;
  const out: ElfSymbol[] = [];
  const nameOf = nameReader(strings, diag);
  eachSymbol(v, layout, count, 0, keep, (o, i, shndx) => {
    const info = v.u8(o + s.info);
    out.push({
      index: i,
      name: nameOf(v.u32(o + s.name)),
      value: v.word(o + s.value, layout.wide),
      size: v.word(o + s.bytes, layout.wide),
      type: info & 0xf,
      bind: info >> 4,
      visibility: v.u8(o + s.other) & 3,
      shndx,
    });
  });
  return out;
}

/**
 * The names alone of the symbols `keep` accepts from entry `first` on (by default 1: the null
 * symbol skipped), as `parseSymbols` reads them: no records, no 64-bit values.
 */
export function symbolNames(
  v: ByteView,
  layout: Layout,
  count: number,
  strings: StringLookup | undefined,
  diag: Diagnostics,
  keep: (shndx: number) => boolean,
  first = 1,
): string[] {
  const out: string[] = [];
  const nameOf = nameReader(strings, diag);
  eachSymbol(v, layout, count, first, keep, (o) => void out.push(nameOf(v.u32(o + layout.sym.name))));
  return out;
}

/** A symbol's name, or "" when it cannot be read (one warning per table). */
function nameReader(strings: StringLookup | undefined, diag: Diagnostics): (nameOff: number) => string {
  let bad = 0;
  return (nameOff) => {
    if (nameOff === 0 || strings === undefined) return "";
    try {
      return strings.cstring(nameOff, limits.maxStringLength);
    } catch (e) {
      if (bad++ === 0 && e instanceof ElfError) diag.report(e);
      return "";
    }
  };
}

/**
 * Calls `visit` with the byte offset, index and section index of each symbol from `first` that
 * `keep` accepts (all without it), within the bytes of `v` and `limits.maxSymbols`.
 */
function eachSymbol(
  v: ByteView,
  layout: Layout,
  count: number,
  first: number,
  keep: ((shndx: number) => boolean) | undefined,
  visit: (offset: number, index: number, shndx: number) => void,
): void {
  const s = layout.sym;
  const n = Math.min(count, Math.floor(v.length / s.size), limits.maxSymbols);
  for (let i = first; i < n; i++) {
    const o = i * s.size;
    const shndx = v.u16(o + s.shndx);
    if (keep === undefined || keep(shndx)) visit(o, i, shndx);
  }
}

/** Name offsets of the symbols `keep` accepts, so a lazy string table can load just those. */
export function symbolNameOffsets(v: ByteView, layout: Layout, count: number, keep: (shndx: number) => boolean): number[] {
  const out: number[] = [];
  eachSymbol(v, layout, count, 0, keep, (o) => void out.push(v.u32(o + layout.sym.name)));
  return out;
}

/** `DT_HASH`: {nbucket, nchain, …}; nchain is the number of symbols (gABI "Hash Table"). */
export function countFromHash(v: ByteView): number {
  return v.u32(4);
}
