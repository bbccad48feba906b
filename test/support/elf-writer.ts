/**
 * A small ELF writer for synthetic test fixtures: ELF32 or ELF64, either byte order, any
 * program headers with their bytes, sections inside segments (by address) or standalone (by
 * data), an automatic `.shstrtab`, and an option to leave section headers out. It writes what
 * it is told — no validation — so tests can also build broken files. Field layouts follow the
 * gABI (`Elf32_Ehdr`/`Elf64_Ehdr`, `_Phdr`, `_Shdr`).
 */

export const ET_EXEC = 2;
export const ET_DYN = 3;
export const PT_LOAD = 1;
export const PT_NOTE = 4;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHF_WRITE = 1;
export const SHF_ALLOC = 2;
export const SHF_EXECINSTR = 4;

/**
 * Endian-aware byte builder for the blobs inside a fixture (build info, pclntab, string
 * tables). Grows as needed; `at` writes at a fixed offset (patching an earlier field).
 */
export class DataBuilder {
  private buf = new Uint8Array(256);
  private dv = new DataView(this.buf.buffer);
  length = 0;

  constructor(readonly little: boolean, readonly wide: boolean = true) {}

  private ensure(end: number): void {
    if (end <= this.buf.length) return;
    const next = new Uint8Array(Math.max(end, this.buf.length * 2));
    next.set(this.buf);
    this.buf = next;
    this.dv = new DataView(next.buffer);
  }
  private put(width: number, at: number | undefined, write: (o: number) => void): this {
    const o = at ?? this.length;
    this.ensure(o + width);
    write(o);
    this.length = Math.max(this.length, o + width);
    return this;
  }
  u8(v: number, at?: number): this {
    return this.put(1, at, (o) => this.dv.setUint8(o, v));
  }
  u16(v: number, at?: number): this {
    return this.put(2, at, (o) => this.dv.setUint16(o, v, this.little));
  }
  u32(v: number, at?: number): this {
    return this.put(4, at, (o) => this.dv.setUint32(o, v >>> 0, this.little));
  }
  u64(v: bigint | number, at?: number): this {
    return this.put(8, at, (o) => this.dv.setBigUint64(o, BigInt.asUintN(64, BigInt(v)), this.little));
  }
  /** An address-sized word: 8 bytes when `wide`, else 4. */
  word(v: bigint | number, at?: number): this {
    return this.wide ? this.u64(v, at) : this.u32(Number(BigInt.asUintN(32, BigInt(v))), at);
  }
  bytes(b: Uint8Array | string, at?: number): this {
    const data = typeof b === "string" ? new TextEncoder().encode(b) : b;
    return this.put(data.length, at, (o) => this.buf.set(data, o));
  }
  /** Zero bytes up to a multiple of `n`. */
  align(n: number): this {
    const pad = (n - (this.length % n)) % n;
    return this.put(pad, undefined, () => undefined);
  }
  zeros(n: number): this {
    return this.put(n, undefined, () => undefined);
  }
  /** Unsigned LEB128 (Go `binary.PutUvarint`). */
  uvarint(v: bigint | number): this {
    let x = BigInt(v);
    do {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      this.u8(x > 0n ? b | 0x80 : b);
    } while (x > 0n);
    return this;
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export interface SegmentSpec {
  type?: number;
  flags: number;
  vaddr: bigint;
  /** The file bytes (`p_filesz` = length). */
  data: Uint8Array;
  /** Default: `data.length`. */
  memsz?: bigint | number;
  /** Default 0x1000; the file offset is chosen congruent to `vaddr` modulo it. */
  align?: number;
}

export interface SectionSpec {
  name: string;
  type: number;
  flags?: bigint | number;
  addr?: bigint;
  /** Standalone bytes, appended after the segments. Omit for a section inside a segment. */
  data?: Uint8Array;
  /** Size of a section inside a segment (or of a NOBITS section). */
  size?: number;
  link?: number;
  info?: number;
  addralign?: number;
  entsize?: number;
}

export interface ElfSpec {
  class: 32 | 64;
  little: boolean;
  type?: number;
  /** Default: EM_X86_64, EM_PPC64, EM_386 or EM_MIPS by class and byte order. */
  machine?: number;
  entry?: bigint;
  osabi?: number;
  flags?: number;
  segments?: SegmentSpec[];
  sections?: SectionSpec[];
  /** Write no section headers at all (`e_shoff = e_shnum = e_shstrndx = 0`). */
  omitSectionHeaders?: boolean;
}

export interface BuiltElf {
  bytes: Uint8Array;
  /** File offset of each segment's bytes, in spec order. */
  segmentOffsets: number[];
  /** File offset of each section (index 0 is the null section; `.shstrtab` is last). */
  sectionOffsets: number[];
  phoff: number;
  shoff: number;
}

const defaultMachine = (wide: boolean, little: boolean): number => (wide ? (little ? 62 : 21) : little ? 3 : 8);

/** Lays out and writes the file. */
export function buildElf(spec: ElfSpec): BuiltElf {
  const wide = spec.class === 64;
  const sizes = wide ? { eh: 64, ph: 56, sh: 64 } : { eh: 52, ph: 32, sh: 40 };
  const segs = spec.segments ?? [];
  const sections = spec.omitSectionHeaders ? [] : [...(spec.sections ?? [])];
  const phoff = segs.length > 0 ? sizes.eh : 0;
  let end = sizes.eh + segs.length * sizes.ph;

  const segmentOffsets = segs.map((s) => {
    const align = s.align ?? 0x1000;
    const want = Number(s.vaddr % BigInt(align));
    const base = end - (end % align) + want;
    const off = base >= end ? base : base + align;
    end = off + s.data.length;
    return off;
  });

  // Section names: .shstrtab goes last, its bytes built from every name.
  const names = new DataBuilder(spec.little).u8(0);
  const nameOffsets = sections.map((s) => {
    const o = names.length;
    names.bytes(s.name).u8(0);
    return o;
  });
  const shstrName = names.length;
  if (sections.length > 0) names.bytes(".shstrtab").u8(0);
  const shstrtab = names.finish();

  const sectionOffsets = [0];
  for (const s of sections) {
    if (s.data !== undefined) {
      end = alignUp(end, s.addralign ?? 1);
      sectionOffsets.push(end);
      end += s.data.length;
    } else {
      sectionOffsets.push(offsetOfAddr(segs, segmentOffsets, s.addr ?? 0n) ?? 0);
    }
  }
  let shoff = 0;
  if (sections.length > 0) {
    sectionOffsets.push(end);
    end += shstrtab.length;
    shoff = alignUp(end, 8);
    end = shoff + (sections.length + 2) * sizes.sh;
  }

  const out = new DataBuilder(spec.little, wide);
  out.zeros(end);
  writeHeader(out, spec, sizes, phoff, shoff, segs.length, sections.length === 0 ? 0 : sections.length + 2);
  segs.forEach((s, i) => {
    writeSegment(out, wide, phoff + i * sizes.ph, s, segmentOffsets[i]!);
    out.bytes(s.data, segmentOffsets[i]!);
  });
  sections.forEach((s, i) => {
    if (s.data !== undefined) out.bytes(s.data, sectionOffsets[i + 1]!);
    const size = s.data?.length ?? s.size ?? 0;
    writeSectionHeader(out, wide, shoff + (i + 1) * sizes.sh, { ...s, nameOffset: nameOffsets[i]!, offset: sectionOffsets[i + 1]!, size });
  });
  if (sections.length > 0) {
    const at = sectionOffsets[sections.length + 1]!;
    out.bytes(shstrtab, at);
    writeSectionHeader(out, wide, shoff + (sections.length + 1) * sizes.sh, {
      name: ".shstrtab", type: SHT_STRTAB, nameOffset: shstrName, offset: at, size: shstrtab.length,
    });
  }
  return { bytes: out.finish(), segmentOffsets, sectionOffsets, phoff, shoff };
}

/** The bytes only. */
export function elfBytes(spec: ElfSpec): Uint8Array {
  return buildElf(spec).bytes;
}

function alignUp(n: number, a: number): number {
  return a <= 1 ? n : Math.ceil(n / a) * a;
}

function offsetOfAddr(segs: SegmentSpec[], offsets: number[], addr: bigint): number | undefined {
  for (const [i, s] of segs.entries()) {
    if (addr >= s.vaddr && addr < s.vaddr + BigInt(s.data.length)) return offsets[i]! + Number(addr - s.vaddr);
  }
  return undefined;
}

function writeHeader(
  out: DataBuilder,
  spec: ElfSpec,
  sizes: { eh: number; ph: number; sh: number },
  phoff: number,
  shoff: number,
  phnum: number,
  shnum: number,
): void {
  const wide = spec.class === 64;
  out.bytes(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, wide ? 2 : 1, spec.little ? 1 : 2, 1, spec.osabi ?? 0]), 0);
  out.u16(spec.type ?? ET_EXEC, 16);
  out.u16(spec.machine ?? defaultMachine(wide, spec.little), 18);
  out.u32(1, 20);
  const w = wide ? 8 : 4;
  out.word(spec.entry ?? 0n, 24);
  out.word(phoff, 24 + w);
  out.word(shoff, 24 + 2 * w);
  const o = 24 + 3 * w;
  out.u32(spec.flags ?? 0, o);
  out.u16(sizes.eh, o + 4);
  out.u16(sizes.ph, o + 6);
  out.u16(phnum, o + 8);
  out.u16(sizes.sh, o + 10);
  out.u16(shnum, o + 12);
  out.u16(shnum === 0 ? 0 : shnum - 1, o + 14);
}

function writeSegment(out: DataBuilder, wide: boolean, at: number, s: SegmentSpec, offset: number): void {
  const type = s.type ?? PT_LOAD;
  const memsz = s.memsz ?? s.data.length;
  const align = s.align ?? 0x1000;
  if (wide) {
    out.u32(type, at).u32(s.flags, at + 4).u64(offset, at + 8).u64(s.vaddr, at + 16).u64(s.vaddr, at + 24);
    out.u64(s.data.length, at + 32).u64(memsz, at + 40).u64(align, at + 48);
  } else {
    out.u32(type, at).u32(offset, at + 4).word(s.vaddr, at + 8).word(s.vaddr, at + 12);
    out.u32(s.data.length, at + 16).word(memsz, at + 20).u32(s.flags, at + 24).u32(align, at + 28);
  }
}

interface ShdrFields extends SectionSpec {
  nameOffset: number;
  offset: number;
  size: number;
}

function writeSectionHeader(out: DataBuilder, wide: boolean, at: number, s: ShdrFields): void {
  const w = wide ? 8 : 4;
  out.u32(s.nameOffset, at).u32(s.type, at + 4);
  out.word(BigInt(s.flags ?? 0), at + 8);
  out.word(s.addr ?? 0n, at + 8 + w);
  out.word(s.offset, at + 8 + 2 * w);
  out.word(s.size, at + 8 + 3 * w);
  out.u32(s.link ?? 0, at + 8 + 4 * w).u32(s.info ?? 0, at + 12 + 4 * w);
  out.word(s.addralign ?? 1, at + 16 + 4 * w);
  out.word(s.entsize ?? 0, at + 16 + 5 * w);
}
