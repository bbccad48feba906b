import { ElfError, type Diagnostics } from "../errors.js";
import type { ByteSource } from "../io/source.js";
import { ByteView } from "../io/view.js";
import { limits } from "../limits.js";
import { PN_XNUM, SHN_XINDEX, SHN_UNDEF } from "./constants.js";
import type { ElfHeader } from "./header.js";
import { wordAsNumber } from "./header.js";
import type { Layout } from "./layout.js";

export interface Segment {
  index: number;
  type: number;
  flags: number;
  offset: number;
  vaddr: bigint;
  paddr: bigint;
  filesz: number;
  memsz: bigint;
  align: bigint;
}

export interface Section {
  index: number;
  name: string;
  nameOffset: number;
  type: number;
  flags: bigint;
  addr: bigint;
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: bigint;
  entsize: number;
}

/** Counts after extended numbering (gABI "Extended Section Indexes", `PN_XNUM`). */
export interface Counts {
  phnum: number;
  shnum: number;
  shstrndx: number;
}

/**
 * Resolves extended numbering through section 0: `e_shnum == 0` puts the count in its
 * `sh_size`, `e_phnum == PN_XNUM` in its `sh_info`, `e_shstrndx == SHN_XINDEX` in its `sh_link`
 * (as the `object` crate does, each in one small step).
 */
export async function resolveCounts(
  source: ByteSource,
  h: ElfHeader,
  layout: Layout,
  diag: Diagnostics,
): Promise<Counts> {
  const counts: Counts = { phnum: h.phnum, shnum: h.shnum, shstrndx: h.shstrndx };
  const extended = h.shnum === 0 || h.phnum === PN_XNUM || h.shstrndx === SHN_XINDEX;
  if (h.shoff === 0 || !extended) return counts;
  const sh0 = await diag.guardAsync(async () => {
    if (h.shentsize < layout.sh.size) {
      throw new ElfError("BAD_ENTRY_SIZE", "Invalid ELF section header entry size", layout.e.shentsize, h.shentsize);
    }
    const v = new ByteView(await source.read(h.shoff, layout.sh.size), h.endian === "little", h.shoff);
    return {
      size: wordAsNumber(v, layout.sh.bytes, layout.wide),
      link: v.u32(layout.sh.link),
      info: v.u32(layout.sh.info),
    };
  }, undefined);
  if (sh0 === undefined) return counts;
  if (h.shnum === 0) counts.shnum = sh0.size;
  if (h.phnum === PN_XNUM) counts.phnum = sh0.info;
  if (h.shstrndx === SHN_XINDEX) counts.shstrndx = sh0.link;
  return counts;
}

/**
 * How many `entsize` entries of a table at `offset` can really be read: a count is trusted
 * only as far as the file backs it (`count <= (size - offset) / entsize`), and never past
 * `max`. In lenient mode a short table is cut to what fits, with a warning.
 */
export function checkedCount(
  what: string,
  fileSize: number,
  offset: number,
  count: number,
  entsize: number,
  max: number,
  diag: Diagnostics,
): number {
  if (count === 0) return 0;
  if (!(offset >= 0 && offset <= fileSize) || !Number.isSafeInteger(offset)) {
    diag.report(new ElfError("OUT_OF_BOUNDS", `Invalid ELF ${what} table offset`, undefined, offset));
    return 0;
  }
  const fits = Math.floor((fileSize - offset) / entsize);
  let n = count;
  if (n > fits) {
    diag.report(new ElfError("TRUNCATED", `ELF ${what} table extends past the end of the file`, offset, count));
    n = fits;
  }
  if (n > max) {
    diag.report(new ElfError("LIMIT_EXCEEDED", `Too many ELF ${what} entries`, offset, count));
    n = max;
  }
  return n;
}

/**
 * Reads a header table (program or section headers) after checking its entry size against the
 * structure it must hold and its count against the file: the one gate both tables go through.
 */
async function readTable(
  source: ByteSource,
  h: ElfHeader,
  what: "program header" | "section header",
  table: { offset: number; count: number; entsize: number; minEntsize: number; entsizeField: number; max: number },
  diag: Diagnostics,
): Promise<{ view: ByteView; count: number } | undefined> {
  if (table.count === 0 || table.offset === 0) return undefined;
  if (table.entsize < table.minEntsize) {
    diag.report(new ElfError("BAD_ENTRY_SIZE", `Invalid ELF ${what} entry size`, table.entsizeField, table.entsize));
    return undefined;
  }
  const n = checkedCount(what, source.size, table.offset, table.count, table.entsize, table.max, diag);
  if (n === 0) return undefined;
  const view = new ByteView(await source.read(table.offset, n * table.entsize), h.endian === "little", table.offset);
  return { view, count: n };
}

export async function readSegments(
  source: ByteSource,
  h: ElfHeader,
  layout: Layout,
  phnum: number,
  diag: Diagnostics,
): Promise<Segment[]> {
  const t = await readTable(source, h, "program header", {
    offset: h.phoff, count: phnum, entsize: h.phentsize, minEntsize: layout.ph.size, entsizeField: layout.e.phentsize, max: limits.maxSegments,
  }, diag);
  if (t === undefined) return [];
  const { view: v, count: n } = t;
  const p = layout.ph;
  const w = layout.wide;
  const out: Segment[] = [];
  for (let i = 0; i < n; i++) {
    const o = i * h.phentsize;
    out.push({
      index: i,
      type: v.u32(o + p.type),
      flags: v.u32(o + p.flags),
      offset: wordAsNumber(v, o + p.offset, w),
      vaddr: v.word(o + p.vaddr, w),
      paddr: v.word(o + p.paddr, w),
      filesz: wordAsNumber(v, o + p.filesz, w),
      memsz: v.word(o + p.memsz, w),
      align: v.word(o + p.align, w),
    });
  }
  return out;
}

export async function readSections(
  source: ByteSource,
  h: ElfHeader,
  layout: Layout,
  counts: Counts,
  diag: Diagnostics,
): Promise<Section[]> {
  const t = await readTable(source, h, "section header", {
    offset: h.shoff, count: counts.shnum, entsize: h.shentsize, minEntsize: layout.sh.size, entsizeField: layout.e.shentsize, max: limits.maxSections,
  }, diag);
  if (t === undefined) return [];
  const { view: v, count: n } = t;
  const s = layout.sh;
  const w = layout.wide;
  const out: Section[] = [];
  for (let i = 0; i < n; i++) {
    const o = i * h.shentsize;
    out.push({
      index: i,
      name: "",
      nameOffset: v.u32(o + s.name),
      type: v.u32(o + s.type),
      flags: v.word(o + s.flags, w),
      addr: v.word(o + s.addr, w),
      offset: wordAsNumber(v, o + s.offset, w),
      size: wordAsNumber(v, o + s.bytes, w),
      link: v.u32(o + s.link),
      info: v.u32(o + s.info),
      addralign: v.word(o + s.addralign, w),
      entsize: wordAsNumber(v, o + s.entsize, w),
    });
  }
  // Where the index was read from, for the warning: e_shstrndx, or section 0's sh_link.
  const shstrndxAt = h.shstrndx === SHN_XINDEX ? h.shoff + layout.sh.link : layout.e.shstrndx;
  await nameSections(source, h, out, counts.shstrndx, shstrndxAt, diag);
  return out;
}

/** Fills in section names from the section header string table (`e_shstrndx`). */
async function nameSections(
  source: ByteSource,
  h: ElfHeader,
  sections: Section[],
  shstrndx: number,
  shstrndxAt: number,
  diag: Diagnostics,
): Promise<void> {
  if (shstrndx === SHN_UNDEF) return;
  const strtab = sections[shstrndx];
  if (strtab === undefined) {
    diag.report(new ElfError("BAD_SECTION_INDEX", "Invalid ELF section header string table index", shstrndxAt, shstrndx));
    return;
  }
  const bytes = await diag.guardAsync(async () => {
    if (strtab.size > limits.maxTableBytes) {
      throw new ElfError("LIMIT_EXCEEDED", "Section name table too large", strtab.offset, strtab.size);
    }
    return source.read(strtab.offset, strtab.size);
  }, undefined);
  if (bytes === undefined) return;
  const names = new ByteView(bytes, h.endian === "little", strtab.offset);
  let bad = 0;
  for (const s of sections) {
    if (s.index === 0 && s.nameOffset === 0) continue;
    try {
      s.name = names.cstring(s.nameOffset, limits.maxStringLength);
    } catch (e) {
      // One warning for the table, not one per section of a damaged file.
      if (bad++ === 0 && e instanceof ElfError) diag.report(e);
    }
  }
}
