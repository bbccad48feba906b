/**
 * The malformed inputs, by name: each is the builder's valid file with one thing broken. The
 * test file (malformed.test.ts) asserts what each must produce; the fuzzer uses them as seeds.
 */
import { BASE, build, DYN_INDEX, Patcher, type Built, type BuildOptions } from "./builder.js";

export const U64_MAX = 2n ** 64n - 1n;

export interface Case {
  name: string;
  /** The damaged file, and the builder's record of where everything was. */
  make(opts?: BuildOptions): { bytes: Uint8Array; built: Built };
}

function patched(fn: (p: Patcher, b: Built) => Uint8Array | void, extra: BuildOptions = {}): Case["make"] {
  return (opts = {}) => {
    const built = build({ ...extra, ...opts });
    const out = fn(new Patcher(built), built);
    return { bytes: out ?? built.bytes, built };
  };
}

/** Notes of 12 bytes each: namesz 0, descsz 0, type 1. */
export function tinyNotes(n: number, little = true): Uint8Array {
  const b = new Uint8Array(12 * n);
  const dv = new DataView(b.buffer);
  for (let i = 0; i < n; i++) dv.setUint32(12 * i + 8, 1, little);
  return b;
}

/** A note header with the given sizes and nothing after it (sizes are the lie). */
function noteHeader(namesz: number, descsz: number, little = true): Uint8Array {
  const b = new Uint8Array(12);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, namesz, little);
  dv.setUint32(4, descsz, little);
  dv.setUint32(8, 3, little);
  return b;
}

export const CASES: Case[] = [
  { name: "shstrndx-out-of-range", make: patched((p, b) => void p.ehdr("shstrndx", Object.keys(b.sh).length + 5)) },
  {
    name: "extended-numbering-valid",
    make: patched((p, b) => {
      // All three counts moved into section 0, as gABI "Extended Section Indexes" allows.
      p.ehdr("shnum", 0).ehdr("phnum", 0xffff).ehdr("shstrndx", 0xffff);
      p.shdr(0, "size_", Object.keys(b.sh).length).shdr(0, "info", 4).shdr(0, "link", b.sh[".shstrtab"]!);
    }),
  },
  { name: "shnum0-sh-size-max", make: patched((p) => void p.ehdr("shnum", 0).shdr(0, "size_", U64_MAX)) },
  { name: "phnum-xnum-huge-info", make: patched((p) => void p.ehdr("phnum", 0xffff).shdr(0, "info", 0xffffffff)) },
  { name: "phentsize-0", make: patched((p) => void p.ehdr("phentsize", 0)) },
  { name: "phentsize-too-small", make: patched((p) => void p.ehdr("phentsize", 8)) },
  { name: "shentsize-0", make: patched((p) => void p.ehdr("shentsize", 0)) },
  { name: "shentsize-too-small", make: patched((p) => void p.ehdr("shentsize", 12)) },
  {
    name: "shnum-64768-shentsize-0-116-bytes",
    // goblin's test_oom shape: a bare header claiming 64768 zero-sized section headers.
    make: patched((p, b) => {
      p.ehdr("shnum", 64768).ehdr("shentsize", 0).ehdr("phnum", 0).ehdr("shoff", 64).ehdr("shstrndx", 0);
      return b.bytes.slice(0, 116);
    }, { class: 64 }),
  },
  { name: "phoff-max", make: patched((p) => void p.ehdr("phoff", U64_MAX)) },
  { name: "shoff-max", make: patched((p) => void p.ehdr("shoff", U64_MAX)) },
  {
    name: "cut-inside-phdr-table",
    make: patched((p, b) => b.bytes.slice(0, b.at.phoff + Math.floor(2.5 * p.f.ph.size))),
  },
  {
    name: "sh-offset-size-wraps",
    // offset + size wraps to a small number in the file's word size (C's `off + size <= len`).
    make: patched((p, b) => void p.shdr(b.sh[".shstrtab"]!, "offset", b.class === 64 ? U64_MAX - 7n : 0xfffffff8).shdr(b.sh[".shstrtab"]!, "size_", 16)),
  },
  { name: "load-filesz-past-eof", make: patched((p, b) => void p.phdr(b.ph.load, "filesz", b.bytes.length + 4096)) },
  // Appended after the two valid notes, inside PT_NOTE and the note section.
  { name: "note-namesz-max", make: withNotes((little) => noteHeader(0xffffffff, 0, little)) },
  { name: "note-descsz-fffffffc", make: withNotes((little) => new Uint8Array([...noteHeader(4, 0xfffffffc, little), 0x47, 0x4e, 0x55, 0])) },
  { name: "note-section-align-3", make: patched((p, b) => void p.shdr(b.sh[".note.gnu.build-id"]!, "addralign", 3)) },
  { name: "dynamic-without-dt-null", make: patched((p) => void p.dyn(DYN_INDEX.NULL, 21, 0)) },
  { name: "needed-past-strsz", make: patched((p, b) => void p.dyn(DYN_INDEX.NEEDED1, 1, b.at.dynstrSize + 10)) },
  { name: "strtab-unmapped", make: patched((p) => void p.dyn(DYN_INDEX.STRTAB, 5, 0x10)) },
  {
    name: "strtab-unmapped-no-sections",
    make: patched((p) => void p.dyn(DYN_INDEX.STRTAB, 5, 0x10).ehdr("shoff", 0).ehdr("shnum", 0).ehdr("shstrndx", 0)),
  },
  {
    name: "string-table-without-nul",
    // The last string of .dynstr ("puts") and of .shstrtab (".shstrtab") lose their NUL.
    make: patched((p, b) => {
      b.bytes[b.at.dynstr + b.at.dynstrSize - 1] = 0x58;
      const shstrEnd = b.at.shstrtab + shstrtabSize(b) - 1;
      b.bytes[shstrEnd] = 0x58;
    }),
  },
  { name: "symtab-link-self", make: patched((p, b) => void p.shdr(b.sh[".symtab"]!, "link", b.sh[".symtab"]!)) },
  { name: "symtab-link-out-of-range", make: patched((p, b) => void p.shdr(b.sh[".symtab"]!, "link", 9999)) },
  { name: "symtab-entsize-0", make: patched((p, b) => void p.shdr(b.sh[".symtab"]!, "entsize", 0).shdr(b.sh[".dynsym"]!, "entsize", 0)) },
  {
    name: "verneed-chain-loop",
    // Two records where the second's vn_next wraps (mod 2^32) back to the first: C parsers
    // doing 32-bit sums loop; DT_VERNEEDNUM says 5 so the count alone does not stop it.
    make: patched((p, b) => {
      p.dyn(DYN_INDEX.VERNEEDNUM, 0x6fffffff, 5);
      // Record 0 -> record at +48 (reusing its second aux as a record), whose vn_next is -48.
      p.u32(b.at.verneed + 12, 32);
      p.u32(b.at.verneed + 32 + 12, 0x100000000 - 32);
    }),
  },
  {
    name: "verneed-next-self",
    // vn_next of 0 ends a chain, so "to itself" is a record whose next lands on itself after
    // 32-bit wrap-around; a count of 0xffff records must not loop or allocate 0xffff entries.
    make: patched((p, b) => void p.dyn(DYN_INDEX.VERNEEDNUM, 0x6fffffff, 0xffff).u32(b.at.verneed + 12, 0xffffffff)),
  },
  { name: "verneed-vn-cnt-ffff", make: patched((p, b) => void p.u16(b.at.verneed + 2, 0xffff)) },
  {
    name: "verneed-vn-cnt-ffff-aux-runs-on",
    // The aux chain keeps going (vna_next = 16) past its records into the dynamic section.
    make: patched((p, b) => void p.u16(b.at.verneed + 2, 0xffff).u32(b.at.verneed + 16 + 16 + 12, 16)),
  },
  {
    name: "overlapping-segments",
    // PT_INTERP turned into a second PT_LOAD over the same addresses, from another offset.
    make: patched((p, b) => void p.phdr(b.ph.interp, "type", 1).phdr(b.ph.interp, "vaddr", BASE).phdr(b.ph.interp, "filesz", 256)),
  },
  { name: "10000-tiny-notes", make: withNotes((little) => tinyNotes(10_000, little)) },
];

function shstrtabSize(b: Built): number {
  const dv = new DataView(b.bytes.buffer, b.bytes.byteOffset);
  const at = b.at.shoff + b.sh[".shstrtab"]! * (b.class === 64 ? 64 : 40) + (b.class === 64 ? 32 : 20);
  return b.class === 64 ? Number(dv.getBigUint64(at, b.little)) : dv.getUint32(at, b.little);
}

function withNotes(notes: (little: boolean) => Uint8Array): Case["make"] {
  return (opts = {}) => {
    const built = build({ ...opts, extraNotes: notes((opts.endian ?? "little") === "little") });
    return { bytes: built.bytes, built };
  };
}

export function caseNamed(name: string): Case {
  const c = CASES.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no malformed case ${name}`);
  return c;
}

/** Every case in every class and byte order: fuzz seeds. */
export function malformedInputs(): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const c of CASES) {
    for (const cls of [32, 64] as const) {
      for (const endian of ["little", "big"] as const) {
        out.push({ name: `${c.name}-${cls}${endian === "little" ? "le" : "be"}`, bytes: c.make({ class: cls, endian }).bytes });
      }
    }
  }
  return out;
}
