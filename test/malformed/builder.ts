/**
 * A minimal ELF writer for the malformed-case suite: one valid tiny executable, ELF32 or ELF64,
 * little- or big-endian, with every structure elfscope parses (PT_LOAD, PT_INTERP, PT_DYNAMIC,
 * PT_NOTE, .dynstr, .dynsym, DT_HASH, versym/verneed, .symtab, section headers with
 * .shstrtab). Tests build it, then damage exactly one field through `Patcher`, so each case
 * names the field it breaks and everything else stays valid.
 *
 * The layout is one PT_LOAD mapping the whole file at BASE (vaddr = BASE + file offset), so an
 * address in a dynamic entry is just `BASE + offset`.
 */
export const BASE = 0x400000n;

export interface BuildOptions {
  class?: 32 | 64;
  endian?: "little" | "big";
  /** Extra notes appended to the PT_NOTE segment (raw, already aligned). */
  extraNotes?: Uint8Array;
}

export interface Built {
  bytes: Uint8Array;
  class: 32 | 64;
  little: boolean;
  /** File offsets of each structure. */
  at: {
    phoff: number; shoff: number; interp: number; notes: number; notesSize: number;
    dynstr: number; dynstrSize: number; dynsym: number; hash: number; versym: number;
    verneed: number; dynamic: number; dynamicCount: number; symtab: number; strtab: number; shstrtab: number;
  };
  /** Program header index by type name. */
  ph: { load: number; interp: number; dynamic: number; note: number };
  /** Section index by name. */
  sh: Record<string, number>;
}

const enc = new TextEncoder();
const cstr = (s: string) => [...enc.encode(s), 0];

/** Byte writer that grows, with class/endian-aware fields. */
class Out {
  bytes = new Uint8Array(4096);
  len = 0;
  constructor(readonly little: boolean, readonly wide: boolean) {}
  private dv(): DataView {
    return new DataView(this.bytes.buffer);
  }
  ensure(n: number): void {
    while (this.bytes.length < n) {
      const b = new Uint8Array(this.bytes.length * 2);
      b.set(this.bytes);
      this.bytes = b;
    }
  }
  align(a: number): number {
    this.len = (this.len + a - 1) & ~(a - 1);
    this.ensure(this.len);
    return this.len;
  }
  raw(b: ArrayLike<number>): number {
    const at = this.len;
    this.ensure(at + b.length);
    this.bytes.set(b, at);
    this.len += b.length;
    return at;
  }
  reserve(n: number): number {
    const at = this.len;
    this.ensure(at + n);
    this.len += n;
    return at;
  }
  u8(at: number, v: number): void {
    this.bytes[at] = v;
  }
  u16(at: number, v: number): void {
    this.dv().setUint16(at, v, this.little);
  }
  u32(at: number, v: number): void {
    this.dv().setUint32(at, v >>> 0, this.little);
  }
  u64(at: number, v: bigint): void {
    this.dv().setBigUint64(at, BigInt.asUintN(64, v), this.little);
  }
  word(at: number, v: bigint | number): void {
    if (this.wide) this.u64(at, BigInt(v));
    else this.u32(at, Number(BigInt.asUintN(32, BigInt(v))));
  }
}

/** Field offsets (gABI), per class; the same as src/elf/layout.ts but written independently. */
export const F = {
  32: {
    e: { phoff: 28, shoff: 32, ehsize: 40, phentsize: 42, phnum: 44, shentsize: 46, shnum: 48, shstrndx: 50 },
    ph: { size: 32, type: 0, offset: 4, vaddr: 8, paddr: 12, filesz: 16, memsz: 20, flags: 24, align: 28 },
    sh: { size: 40, name: 0, type: 4, flags: 8, addr: 12, offset: 16, size_: 20, link: 24, info: 28, addralign: 32, entsize: 36 },
    dyn: 8, sym: 16, ehsize: 52,
  },
  64: {
    e: { phoff: 32, shoff: 40, ehsize: 52, phentsize: 54, phnum: 56, shentsize: 58, shnum: 60, shstrndx: 62 },
    ph: { size: 56, type: 0, flags: 4, offset: 8, vaddr: 16, paddr: 24, filesz: 32, memsz: 40, align: 48 },
    sh: { size: 64, name: 0, type: 4, flags: 8, addr: 16, offset: 24, size_: 32, link: 40, info: 44, addralign: 48, entsize: 56 },
    dyn: 16, sym: 24, ehsize: 64,
  },
} as const;

type EField = keyof (typeof F)[64]["e"];
type PField = Exclude<keyof (typeof F)[64]["ph"], "size">;
type SField = Exclude<keyof (typeof F)[64]["sh"], "size">;
const WORD_P = new Set<PField>(["offset", "vaddr", "paddr", "filesz", "memsz", "align"]);
const WORD_S = new Set<SField>(["flags", "addr", "offset", "size_", "addralign", "entsize"]);

export function build(opts: BuildOptions = {}): Built {
  const cls = opts.class ?? 64;
  const little = (opts.endian ?? "little") === "little";
  const f = F[cls];
  const o = new Out(little, cls === 64);
  const wa = cls === 64 ? 8 : 4;
  const phnum = 4;

  o.reserve(f.ehsize);
  const phoff = o.align(8);
  o.reserve(phnum * f.ph.size);

  const interp = o.raw(cstr("/lib/ld-test.so.1"));
  // Notes: GNU build-id (3) and ABI tag (1), 4-aligned.
  const notes = o.align(4);
  const note = (name: string, type: number, desc: number[]) => {
    const h = o.reserve(12);
    const nb = cstr(name);
    o.u32(h, nb.length);
    o.u32(h + 4, desc.length);
    o.u32(h + 8, type);
    o.raw(nb);
    o.align(4);
    o.raw(desc);
    o.align(4);
  };
  note("GNU", 3, [0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4]);
  note("GNU", 1, little ? [0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0] : [0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0]);
  if (opts.extraNotes) o.raw(opts.extraNotes);
  const notesSize = o.len - notes;

  // .dynstr
  const strs = ["", "libc.so.6", "libm.so.6", "libtest.so.1", "GLIBC_2.2.5", "GLIBC_2.34", "printf", "puts"];
  const strOff: Record<string, number> = {};
  const dynstrBytes: number[] = [];
  for (const s of strs) {
    strOff[s] = dynstrBytes.length;
    dynstrBytes.push(...cstr(s));
  }
  const dynstr = o.raw(dynstrBytes);
  const dynstrSize = o.len - dynstr;

  // .dynsym: null, printf, puts
  const dynsym = o.align(wa);
  for (const name of ["", "printf", "puts"]) {
    const s = o.reserve(f.sym);
    o.u32(s, strOff[name]!);
    if (name !== "") o.u8(cls === 64 ? s + 4 : s + 12, 0x12); // STB_GLOBAL, STT_FUNC
  }
  // DT_HASH: nbucket 1, nchain 3, bucket[0] = 0, chain all 0.
  const hash = o.align(4);
  for (const v of [1, 3, 0, 0, 0, 0]) o.u32(o.reserve(4), v);
  // .gnu.version: 0, 2, 3
  const versym = o.align(2);
  for (const v of [0, 2, 3]) o.u16(o.reserve(2), v);
  // .gnu.version_r: libc.so.6 needs GLIBC_2.2.5 (2) and GLIBC_2.34 (3).
  const verneed = o.align(4);
  {
    const n = o.reserve(16);
    o.u16(n, 1);
    o.u16(n + 2, 2);
    o.u32(n + 4, strOff["libc.so.6"]!);
    o.u32(n + 8, 16);
    o.u32(n + 12, 0);
    const vers: [string, number][] = [["GLIBC_2.2.5", 2], ["GLIBC_2.34", 3]];
    vers.forEach(([name, idx], i) => {
      const a = o.reserve(16);
      o.u32(a, 0x1234 + i);
      o.u16(a + 6, idx);
      o.u32(a + 8, strOff[name]!);
      o.u32(a + 12, i === vers.length - 1 ? 0 : 16);
    });
  }

  // .dynamic
  const dynamic = o.align(wa);
  const dynEntries: [number, bigint][] = [
    [1, BigInt(strOff["libc.so.6"]!)],
    [1, BigInt(strOff["libm.so.6"]!)],
    [14, BigInt(strOff["libtest.so.1"]!)], // DT_SONAME
    [5, BASE + BigInt(dynstr)], // DT_STRTAB
    [10, BigInt(dynstrSize)], // DT_STRSZ
    [6, BASE + BigInt(dynsym)], // DT_SYMTAB
    [4, BASE + BigInt(hash)], // DT_HASH
    [0x6ffffff0, BASE + BigInt(versym)], // DT_VERSYM
    [0x6ffffffe, BASE + BigInt(verneed)], // DT_VERNEED
    [0x6fffffff, 1n], // DT_VERNEEDNUM
    [0x6ffffffb, 0x08000000n], // DT_FLAGS_1 = DF_1_PIE
    [0, 0n], // DT_NULL
  ];
  for (const [tag, val] of dynEntries) {
    const e = o.reserve(f.dyn);
    o.word(e, tag);
    o.word(e + f.dyn / 2, val);
  }

  // .symtab (null, main) and .strtab
  const strtabBytes = [0, ...cstr("main")];
  const symtab = o.align(wa);
  o.reserve(f.sym);
  {
    const s = o.reserve(f.sym);
    o.u32(s, 1);
    o.u8(cls === 64 ? s + 4 : s + 12, 0x12);
  }
  const strtab = o.raw(strtabBytes);

  // .shstrtab
  const secNames = ["", ".interp", ".note.gnu.build-id", ".dynstr", ".dynsym", ".hash", ".gnu.version", ".gnu.version_r", ".dynamic", ".symtab", ".strtab", ".shstrtab"];
  const shstrBytes: number[] = [];
  const nameOff: number[] = [];
  for (const n of secNames) {
    if (n === "") {
      // Section 0 has no name; offset 0 holds the empty string.
      if (shstrBytes.length === 0) shstrBytes.push(0);
      nameOff.push(0);
    } else {
      nameOff.push(shstrBytes.length);
      shstrBytes.push(...cstr(n));
    }
  }
  const shstrtab = o.raw(shstrBytes);

  const shoff = o.align(8);
  const shnum = secNames.length;
  o.reserve(shnum * f.sh.size);
  const size = o.len;
  const sh: Record<string, number> = {};
  secNames.forEach((n, i) => (sh[n] = i));
  // [type, flags, offset, size, link, info, align, entsize]
  const secs: [number, number, number, number, number, number, number, number][] = [
    [0, 0, 0, 0, 0, 0, 0, 0],
    [1, 2, interp, notes - interp, 0, 0, 1, 0],
    [7, 2, notes, notesSize, 0, 0, 4, 0],
    [3, 2, dynstr, dynstrSize, 0, 0, 1, 0],
    [11, 2, dynsym, 3 * f.sym, sh[".dynstr"]!, 1, wa, f.sym],
    [5, 2, hash, 24, sh[".dynsym"]!, 0, 4, 4],
    [0x6fffffff, 2, versym, 6, sh[".dynsym"]!, 0, 2, 2],
    [0x6ffffffe, 2, verneed, 48, sh[".dynstr"]!, 1, 4, 0],
    [6, 3, dynamic, dynEntries.length * f.dyn, sh[".dynstr"]!, 0, wa, f.dyn],
    [2, 0, symtab, 2 * f.sym, sh[".strtab"]!, 1, wa, f.sym],
    [3, 0, strtab, strtabBytes.length, 0, 0, 1, 0],
    [3, 0, shstrtab, shstrBytes.length, 0, 0, 1, 0],
  ];
  secs.forEach(([type, flags, off, sz, link, info, align, entsize], i) => {
    const s = shoff + i * f.sh.size;
    o.u32(s + f.sh.name, nameOff[i]!);
    o.u32(s + f.sh.type, type);
    o.word(s + f.sh.flags, flags);
    o.word(s + f.sh.addr, flags & 2 ? BASE + BigInt(off) : 0n);
    o.word(s + f.sh.offset, off);
    o.word(s + f.sh.size_, sz);
    o.u32(s + f.sh.link, link);
    o.u32(s + f.sh.info, info);
    o.word(s + f.sh.addralign, align);
    o.word(s + f.sh.entsize, entsize);
  });

  // Program headers: PT_LOAD (whole file), PT_INTERP, PT_DYNAMIC, PT_NOTE.
  const phs: [number, number, number, number, number][] = [
    [1, 5, 0, size, 0x1000],
    [3, 4, interp, notes - interp, 1],
    [2, 6, dynamic, dynEntries.length * f.dyn, wa],
    [4, 4, notes, notesSize, 4],
  ];
  phs.forEach(([type, flags, off, sz, align], i) => {
    const p = phoff + i * f.ph.size;
    o.u32(p + f.ph.type, type);
    o.u32(p + f.ph.flags, flags);
    o.word(p + f.ph.offset, off);
    o.word(p + f.ph.vaddr, BASE + BigInt(off));
    o.word(p + f.ph.paddr, BASE + BigInt(off));
    o.word(p + f.ph.filesz, sz);
    o.word(p + f.ph.memsz, sz);
    o.word(p + f.ph.align, align);
  });

  // ELF header.
  o.bytes.set([0x7f, 0x45, 0x4c, 0x46, cls === 64 ? 2 : 1, little ? 1 : 2, 1, 0], 0);
  o.u16(16, 3); // ET_DYN
  o.u16(18, cls === 64 ? 62 : 3); // EM_X86_64 / EM_386
  o.u32(20, 1);
  o.word(24, BASE + 0x100n);
  o.word(f.e.phoff, phoff);
  o.word(f.e.shoff, shoff);
  o.u16(f.e.ehsize, f.ehsize);
  o.u16(f.e.phentsize, f.ph.size);
  o.u16(f.e.phnum, phnum);
  o.u16(f.e.shentsize, f.sh.size);
  o.u16(f.e.shnum, shnum);
  o.u16(f.e.shstrndx, sh[".shstrtab"]!);

  return {
    bytes: o.bytes.slice(0, size),
    class: cls,
    little,
    at: {
      phoff, shoff, interp, notes, notesSize, dynstr, dynstrSize, dynsym, hash, versym, verneed,
      dynamic, dynamicCount: dynEntries.length, symtab, strtab, shstrtab,
    },
    ph: { load: 0, interp: 1, dynamic: 2, note: 3 },
    sh,
  };
}

/** Writes fields of a built file in place, knowing its class and byte order. */
export class Patcher {
  readonly dv: DataView;
  readonly f: (typeof F)[32] | (typeof F)[64];
  constructor(readonly b: Built) {
    this.dv = new DataView(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength);
    this.f = F[b.class];
  }
  get bytes(): Uint8Array {
    return this.b.bytes;
  }
  u16(at: number, v: number): this {
    this.dv.setUint16(at, v, this.b.little);
    return this;
  }
  u32(at: number, v: number): this {
    this.dv.setUint32(at, v >>> 0, this.b.little);
    return this;
  }
  word(at: number, v: bigint | number): this {
    if (this.b.class === 64) this.dv.setBigUint64(at, BigInt.asUintN(64, BigInt(v)), this.b.little);
    else this.dv.setUint32(at, Number(BigInt.asUintN(32, BigInt(v))), this.b.little);
    return this;
  }
  ehdr(field: EField, v: bigint | number): this {
    const at = this.f.e[field];
    return field === "phoff" || field === "shoff" ? this.word(at, v) : this.u16(at, Number(v));
  }
  phdrAt(i: number): number {
    return this.b.at.phoff + i * this.f.ph.size;
  }
  phdr(i: number, field: PField, v: bigint | number): this {
    const at = this.phdrAt(i) + this.f.ph[field];
    return WORD_P.has(field) ? this.word(at, v) : this.u32(at, Number(v));
  }
  shdrAt(i: number): number {
    return this.b.at.shoff + i * this.f.sh.size;
  }
  shdr(i: number, field: SField, v: bigint | number): this {
    const at = this.shdrAt(i) + this.f.sh[field];
    return WORD_S.has(field) ? this.word(at, v) : this.u32(at, Number(v));
  }
  /** File offset of dynamic entry `i`, and writers for its tag and value. */
  dynAt(i: number): number {
    return this.b.at.dynamic + i * this.f.dyn;
  }
  dyn(i: number, tag: number | bigint, value: number | bigint): this {
    this.word(this.dynAt(i), tag);
    return this.word(this.dynAt(i) + this.f.dyn / 2, value);
  }
}

/** Index of the dynamic entry with `tag` in the built file (they are written in a fixed order). */
export const DYN_INDEX = {
  NEEDED0: 0, NEEDED1: 1, SONAME: 2, STRTAB: 3, STRSZ: 4, SYMTAB: 5, HASH: 6, VERSYM: 7,
  VERNEED: 8, VERNEEDNUM: 9, FLAGS_1: 10, NULL: 11,
} as const;
