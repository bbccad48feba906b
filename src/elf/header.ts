import { ElfError } from "../errors.js";
import { ByteView } from "../io/view.js";
import { LAYOUT32, LAYOUT64, type Layout } from "./layout.js";

/** `e_ident` and the ELF header, as in the file (before extended numbering is resolved). */
export interface ElfHeader {
  class: 32 | 64;
  endian: "little" | "big";
  /** `e_ident[EI_VERSION]`. */
  identVersion: number;
  osabi: number;
  abiVersion: number;
  type: number;
  machine: number;
  version: number;
  entry: bigint;
  phoff: number;
  shoff: number;
  flags: number;
  ehsize: number;
  phentsize: number;
  /** `e_phnum` as written (may be PN_XNUM). */
  phnum: number;
  shentsize: number;
  /** `e_shnum` as written (may be 0 with extended numbering). */
  shnum: number;
  /** `e_shstrndx` as written (may be SHN_XINDEX). */
  shstrndx: number;
}

export const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46] as const;
/** Bytes to read to see any ELF header. */
export const MAX_EHDR = 64;

export function isElfMagic(bytes: Uint8Array): boolean {
  return ELF_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Parses `e_ident` and the header. `bytes` holds the start of the file (up to 64 bytes). Only
 * the identification decides whether the rest can be read; odd field values are left for the
 * table readers, which know what they need.
 */
export function parseHeader(bytes: Uint8Array): { header: ElfHeader; layout: Layout; view: ByteView } {
  if (bytes.length < 16 || !isElfMagic(bytes)) {
    throw new ElfError("NOT_ELF", "Not an ELF file", 0);
  }
  const cls = bytes[4];
  if (cls !== 1 && cls !== 2) throw new ElfError("UNSUPPORTED_CLASS", "Invalid ELF class", 4, cls);
  const data = bytes[5];
  if (data !== 1 && data !== 2) throw new ElfError("UNSUPPORTED_ENCODING", "Invalid ELF data encoding", 5, data);
  const layout = cls === 1 ? LAYOUT32 : LAYOUT64;
  if (bytes.length < layout.ehsize) throw new ElfError("TRUNCATED", "File too short for the ELF header", 0, bytes.length);
  const v = new ByteView(bytes, data === 1, 0);
  const e = layout.e;
  const header: ElfHeader = {
    class: cls === 1 ? 32 : 64,
    endian: data === 1 ? "little" : "big",
    identVersion: bytes[6]!,
    osabi: bytes[7]!,
    abiVersion: bytes[8]!,
    type: v.u16(16),
    machine: v.u16(18),
    version: v.u32(20),
    entry: v.word(e.entry, layout.wide),
    phoff: wordAsNumber(v, e.phoff, layout.wide),
    shoff: wordAsNumber(v, e.shoff, layout.wide),
    flags: v.u32(e.flags),
    ehsize: v.u16(e.ehsize),
    phentsize: v.u16(e.phentsize),
    phnum: v.u16(e.phnum),
    shentsize: v.u16(e.shentsize),
    shnum: v.u16(e.shnum),
    shstrndx: v.u16(e.shstrndx),
  };
  return { header, layout, view: v };
}

/**
 * A file offset or size as a number. Values past 2^53 keep their magnitude (inexactly), so the
 * bounds gate still rejects them; they can never address real data in a file we can read.
 */
export function wordAsNumber(v: ByteView, offset: number, wide: boolean): number {
  return Number(v.word(offset, wide));
}
