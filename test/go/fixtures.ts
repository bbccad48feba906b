/**
 * Synthetic Go binaries for formats no toolchain here can produce (Go 1.13–1.17 pointer-format
 * build info, the 1.2 and 1.16 pclntab layouts) and for damaged inputs. Each blob follows
 * the definitions in Go's src/debug/buildinfo/buildinfo.go and src/debug/gosym/pclntab.go.
 */
import { buildElf, DataBuilder, PF_R, PF_W, PF_X, SHF_ALLOC, SHF_WRITE, SHT_PROGBITS, type SectionSpec, type SegmentSpec } from "../support/elf-writer.js";

export const MAGIC = "\xff Go buildinf:";
const magicBytes = () => new Uint8Array([0xff, ...new TextEncoder().encode(" Go buildinf:")]);

/** Wraps module text in the 16-byte sentinels cmd/go puts around it (modload infoStart/End). */
export function framed(text: string): Uint8Array {
  const start = new Uint8Array([0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6]);
  const end = new Uint8Array([0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2]);
  return new DataBuilder(true).bytes(start).bytes(text).bytes(end).finish();
}

export const RO_ADDR = 0x10000n;
export const RW_ADDR = 0x40000n;
export const TEXT_ADDR = 0x1000n;

export interface GoFixture {
  class: 32 | 64;
  little: boolean;
  /** Build info: pointer format (Go 1.13–1.17) or inline (1.18+); none: no blob at all. */
  buildinfo?: "pointer" | "inline" | "none";
  version?: string;
  moduleText?: string;
  /** Replace the build info blob (after the 32-byte header is built) with custom bytes. */
  buildinfoBytes?: (ptrSize: number) => Uint8Array;
  /** A pclntab blob placed in the read-only segment. */
  pclntab?: Uint8Array;
  /** Extra bytes at the start of the read-only segment (before pclntab). */
  rodataPrefix?: Uint8Array;
  /** Extra bytes after the build info in the writable segment. */
  dataSuffix?: Uint8Array;
  sections?: boolean;
  /** `e_type` (default ET_EXEC). */
  type?: number;
}

/**
 * A file with a text segment, a read-only segment (strings, pclntab) and a writable segment
 * (build info at its start, as the Go linker places `.go.buildinfo`).
 */
export function goElf(f: GoFixture): Uint8Array {
  const ptr = f.class === 64 ? 8 : 4;
  const ro = new DataBuilder(f.little, f.class === 64);
  if (f.rodataPrefix !== undefined) ro.bytes(f.rodataPrefix).align(16);
  const pclnAt = ro.length;
  if (f.pclntab !== undefined) ro.bytes(f.pclntab).align(16);
  const format = f.buildinfo ?? "pointer";
  // Without build info, no version string either (tests add their own through rodataPrefix).
  const version = format === "none" ? "" : f.version ?? "go1.16.15";
  const modText = f.moduleText === undefined || format === "none" ? new Uint8Array(0) : framed(f.moduleText);
  const versionAt = ro.length;
  ro.bytes(version);
  const modAt = ro.length;
  ro.bytes(modText).align(16);
  if (ro.length === 0) ro.zeros(16);

  const rw = new DataBuilder(f.little, f.class === 64);
  if (f.buildinfoBytes !== undefined) rw.bytes(f.buildinfoBytes(ptr));
  else if (format === "pointer") {
    rw.bytes(magicBytes()).u8(ptr).u8(f.little ? 0 : 1);
    rw.word(RW_ADDR + 32n).word(RW_ADDR + 32n + BigInt(2 * ptr)).align(32);
    rw.word(RO_ADDR + BigInt(versionAt)).word(version.length);
    rw.word(RO_ADDR + BigInt(modAt)).word(modText.length);
  } else if (format === "inline") {
    rw.bytes(magicBytes()).u8(ptr).u8(2).zeros(16);
    rw.uvarint(version.length).bytes(version).uvarint(modText.length).bytes(modText);
  }
  rw.align(16);
  if (f.dataSuffix !== undefined) rw.bytes(f.dataSuffix);
  if (rw.length === 0) rw.zeros(16);

  const text = new Uint8Array(64).fill(0x90);
  const segments: SegmentSpec[] = [
    { flags: PF_R | PF_X, vaddr: TEXT_ADDR, data: text },
    { flags: PF_R, vaddr: RO_ADDR, data: ro.finish() },
    { flags: PF_R | PF_W, vaddr: RW_ADDR, data: rw.finish() },
  ];
  const sections: SectionSpec[] = [
    { name: ".text", type: SHT_PROGBITS, flags: SHF_ALLOC | 4, addr: TEXT_ADDR, size: text.length },
    { name: ".rodata", type: SHT_PROGBITS, flags: SHF_ALLOC, addr: RO_ADDR, size: pclnAt },
  ];
  if (f.pclntab !== undefined) sections.push({ name: ".gopclntab", type: SHT_PROGBITS, flags: SHF_ALLOC, addr: RO_ADDR + BigInt(pclnAt), size: f.pclntab.length });
  if (format !== "none") sections.push({ name: ".go.buildinfo", type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, addr: RW_ADDR, size: 32 });
  return buildElf({ class: f.class, little: f.little, segments, sections, omitSectionHeaders: f.sections === false, ...(f.type === undefined ? {} : { type: f.type }) }).bytes;
}

export type Layout = "go1.2" | "go1.16" | "go1.18" | "go1.20";
const MAGICS: Record<Layout, number> = { "go1.2": 0xfffffffb, "go1.16": 0xfffffffa, "go1.18": 0xfffffff0, "go1.20": 0xfffffff1 };

/** Size of the `_func` records we write: entry, nameOff, then padding like real args/pcsp fields. */
const FUNC_RECORD = 40;

/** A pclntab with the given function names, in the layout's format. */
export function pclntab(layout: Layout, little: boolean, ptrSize: 4 | 8, names: string[], patch?: (b: DataBuilder) => void): Uint8Array {
  const b = new DataBuilder(little, ptrSize === 8);
  b.u32(MAGICS[layout]).u8(0).u8(0).u8(1).u8(ptrSize);
  const n = names.length;
  if (layout === "go1.2") return finish12(b, names, ptrSize, patch);
  const words = layout === "go1.16" ? 7 : 8;
  const headerEnd = 8 + words * ptrSize;
  const nameTab = new DataBuilder(little);
  const nameOffs = names.map((s) => {
    const o = nameTab.length;
    nameTab.bytes(s).u8(0);
    return o;
  });
  const funcnameOff = headerEnd;
  const cuOff = funcnameOff + nameTab.length;
  const pclnOff = cuOff + (8 - (cuOff % 8)) % 8;
  const field = layout === "go1.16" ? ptrSize : 4;
  const tabBytes = (2 * n + 1) * field;
  const vals = layout === "go1.16"
    ? [n, 0, funcnameOff, cuOff, cuOff, cuOff, pclnOff]
    : [n, 0, 0x1000, funcnameOff, cuOff, cuOff, cuOff, pclnOff];
  vals.forEach((v) => b.word(v));
  b.bytes(nameTab.finish());
  while (b.length < pclnOff) b.u8(0);
  const put = (v: number) => (field === 4 ? b.u32(v) : b.word(v));
  // The function table: pairs of (entry, funcOff), then the end PC; funcOff is from pclnOff.
  // Entry i is at TEXT_ADDR + 16i in every layout: 1.18+ store the offset from textStart.
  const entry = (i: number) => (layout === "go1.16" ? Number(TEXT_ADDR) : 0) + i * 16;
  for (let i = 0; i < n; i++) {
    put(entry(i));
    put(tabBytes + i * FUNC_RECORD);
  }
  put(entry(n));
  for (let i = 0; i < n; i++) {
    if (layout === "go1.16") b.word(entry(i));
    else b.u32(entry(i));
    b.u32(nameOffs[i]!).zeros(FUNC_RECORD - (layout === "go1.16" ? ptrSize : 4) - 4);
  }
  patch?.(b);
  return b.finish();
}

/** Go 1.2–1.15: nfunc at 8, the table of pointer-sized pairs at 8+ptrSize, names anywhere. */
function finish12(b: DataBuilder, names: string[], ptrSize: number, patch?: (b: DataBuilder) => void): Uint8Array {
  const n = names.length;
  b.word(n);
  const tabEnd = 8 + ptrSize + (2 * n + 1) * ptrSize + 4; // + the u32 file table offset
  const recordsAt = tabEnd + ((8 - (tabEnd % 8)) % 8);
  const namesAt = recordsAt + n * FUNC_RECORD;
  const nameOffs: number[] = [];
  let o = namesAt;
  for (const s of names) {
    nameOffs.push(o);
    o += new TextEncoder().encode(s).length + 1;
  }
  for (let i = 0; i < n; i++) b.word(0x1000 + i * 16).word(recordsAt + i * FUNC_RECORD);
  b.word(0x1000 + n * 16).u32(o);
  while (b.length < recordsAt) b.u8(0);
  for (let i = 0; i < n; i++) b.word(0x1000 + i * 16).u32(nameOffs[i]!).zeros(FUNC_RECORD - ptrSize - 4);
  for (const s of names) b.bytes(s).u8(0);
  b.u32(0); // an empty file table
  patch?.(b);
  return b.finish();
}
