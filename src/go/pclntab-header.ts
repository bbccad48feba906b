import { ElfError } from "../errors.js";
import { ByteView } from "../io/view.js";
import { limits } from "../limits.js";

/**
 * The pclntab header (Go src/debug/gosym/pclntab.go `parsePclnTab`, src/runtime/symtab.go
 * `pcHeader`): a 4-byte magic in the file's byte order, two zero bytes, the pc quantum (1, 2
 * or 4) and the pointer size (4 or 8), then pointer-sized words whose meaning depends on the
 * magic. The magic names the layout and so a range of Go versions.
 */
export type PclntabLayout = "go1.2" | "go1.16" | "go1.18" | "go1.20";

const MAGICS: ReadonlyMap<number, PclntabLayout> = new Map([
  [0xfffffffb, "go1.2"],
  [0xfffffffa, "go1.16"],
  [0xfffffff0, "go1.18"],
  [0xfffffff1, "go1.20"],
]);

/** The Go releases each layout was written by. */
export const LAYOUT_VERSIONS: Record<PclntabLayout, { min: string; max: string | null }> = {
  "go1.2": { min: "go1.2", max: "go1.15" },
  "go1.16": { min: "go1.16", max: "go1.17" },
  "go1.18": { min: "go1.18", max: "go1.19" },
  "go1.20": { min: "go1.20", max: null },
};

export interface PclntabHeader {
  layout: PclntabLayout;
  little: boolean;
  quantum: number;
  ptrSize: 4 | 8;
  nfunc: number;
  /** Offsets from the start of pclntab. */
  funcnameOff: number;
  /** End of the function name table, when the layout records it (the cu table follows). */
  funcnameEnd: number | undefined;
  functabOff: number;
  /** Base of the `_func` records: functab's funcOff values are relative to it. */
  funcdataOff: number;
  /** Size of one functab field: 4 from Go 1.18 (u32 offsets), else the pointer size. */
  fieldSize: 4 | 8;
  /** Size of `_func`'s first field (entry): 4 from Go 1.18, else the pointer size. */
  entrySize: 4 | 8;
  /**
   * 1.18+: `pcHeader.textStart`, the address the functab's u32 entry offsets are relative to
   * (0 when a PIE left it to a dynamic relocation). Earlier layouts store absolute entry PCs.
   */
  textStart: bigint | undefined;
}

/** Bytes to read to parse any header: 8 bytes, then up to 8 pointer-sized words. */
export const PCLNTAB_HEADER_MAX = 8 + 8 * 8;

/** The layout and byte order of the magic at `bytes[at]`, or undefined (no checks beyond it). */
export function pclntabMagic(bytes: Uint8Array, at: number): { layout: PclntabLayout; little: boolean } | undefined {
  if (at + 8 > bytes.length) return undefined;
  const le = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  const be = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
  const l = MAGICS.get(le);
  if (l !== undefined) return { layout: l, little: true };
  const b = MAGICS.get(be);
  return b === undefined ? undefined : { layout: b, little: false };
}

/** Go's header check: magic, two zero pad bytes, quantum 1/2/4, pointer size 4/8. */
export function plausibleHeaderStart(bytes: Uint8Array, at: number): boolean {
  const q = bytes[at + 6];
  const p = bytes[at + 7];
  return pclntabMagic(bytes, at) !== undefined && bytes[at + 4] === 0 && bytes[at + 5] === 0 &&
    (q === 1 || q === 2 || q === 4) && (p === 4 || p === 8);
}

/**
 * Parses and checks the header in `head` (at least `PCLNTAB_HEADER_MAX` bytes, or all there
 * is) for a table of `size` bytes. Every offset and the function table must fit inside `size`
 * and the 1.16+ offsets must be in their written order, so a damaged or false-positive header
 * fails here, before anything is allocated from its counts.
 */
export function parsePclntabHeader(head: Uint8Array, size: number, fileOffset?: number): PclntabHeader {
  // Errors name the file offset of the header field at `at`, when the caller knows where it is.
  const bad = (message: string, value?: number | bigint, at = 0) =>
    new ElfError("BAD_GO_PCLNTAB", message, fileOffset === undefined ? undefined : fileOffset + at, value);
  if (head.length < 16) throw bad("Go pclntab too short", head.length);
  const magic = pclntabMagic(head, 0);
  if (magic === undefined) throw bad("Invalid Go pclntab magic");
  if (!plausibleHeaderStart(head, 0)) {
    // The first bad byte: the two zero pad bytes, the quantum (1, 2, 4) or the pointer size.
    const q = head[6]!;
    const at = head[4] !== 0 || head[5] !== 0 ? 4 : q !== 1 && q !== 2 && q !== 4 ? 6 : 7;
    throw bad("Invalid Go pclntab header", q * 256 + head[7]!, at);
  }
  const ptrSize = head[7] as 4 | 8;
  const v = new ByteView(head, magic.little);
  const word = (i: number): number => {
    const w = v.word(8 + i * ptrSize, ptrSize === 8);
    if (w > BigInt(size)) throw bad("Go pclntab offset outside the table", w, 8 + i * ptrSize);
    return Number(w);
  };
  const nfuncRaw = v.word(8, ptrSize === 8);
  if (nfuncRaw > BigInt(limits.maxGoFunctions)) {
    throw new ElfError("LIMIT_EXCEEDED", "Too many Go functions", fileOffset === undefined ? undefined : fileOffset + 8, nfuncRaw);
  }
  const nfunc = Number(nfuncRaw);
  const base = { layout: magic.layout, little: magic.little, quantum: head[6]!, ptrSize, nfunc };
  let h: PclntabHeader;
  if (magic.layout === "go1.2") {
    h = { ...base, funcnameOff: 0, funcnameEnd: undefined, functabOff: 8 + ptrSize, funcdataOff: 0, fieldSize: ptrSize, entrySize: ptrSize, textStart: undefined };
  } else {
    // 1.18+ inserted textStart as word 2; the remaining offsets shift by one.
    const shift = magic.layout === "go1.16" ? 0 : 1;
    const offs = [2, 3, 4, 5, 6].map((i) => word(i + shift));
    for (let i = 1; i < offs.length; i++) {
      if (offs[i]! < offs[i - 1]!) throw bad("Go pclntab offsets out of order", offs[i], 8 + (i + 2 + shift) * ptrSize);
    }
    const [funcname, cu, , , pcln] = offs as [number, number, number, number, number];
    if (funcname < 8 + (6 + shift) * ptrSize) throw bad("Go pclntab offset inside its header", funcname, 8 + (2 + shift) * ptrSize);
    const field = magic.layout === "go1.16" ? ptrSize : 4;
    // Word 2 of 1.18+ (after nfunc, nfiles) is textStart, an address rather than an offset.
    const textStart = shift === 0 ? undefined : v.word(8 + 2 * ptrSize, ptrSize === 8);
    h = { ...base, funcnameOff: funcname, funcnameEnd: cu, functabOff: pcln, funcdataOff: pcln, fieldSize: field, entrySize: field, textStart };
  }
  const tableBytes = (2 * nfunc + 1) * h.fieldSize;
  if (tableBytes > size - h.functabOff) throw bad("Go pclntab function table outside the table", nfunc, 8);
  return h;
}
