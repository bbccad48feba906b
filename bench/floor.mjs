// The byte floor of the non-Go report: the bytes any reader must touch to produce it, computed
// per file by this small independent parser (not by elfscope, so a bug there cannot lower it).
//
//   floor = | union of byte ranges |, where the ranges are
//     ELF header (e_ehsize)            program header table (phnum × phentsize)
//     section header table (shnum × shentsize, + section 0 when numbering is extended)
//     .shstrtab (whole: every section is named)      PT_INTERP (p_filesz)
//     .dynamic entries up to and including DT_NULL   every PT_NOTE and SHT_NOTE range
//     the .dynstr strings actually referenced (DT_NEEDED, DT_SONAME, DT_RPATH, DT_RUNPATH,
//       vn_file, vna_name, vda_name), each with its NUL
//     version tables: each Elf_Verneed (16) + Elf_Vernaux (16), Elf_Verdef (20) + Elf_Verdaux (8)
//     .gnu_debuglink (the report's debug.debuglink)
//
// It is a floor for bytes, not for calls: ranges far apart still need separate reads.

const DT = { NULL: 0, NEEDED: 1, STRTAB: 5, SONAME: 14, RPATH: 15, RUNPATH: 29, VERDEF: 0x6ffffffc, VERDEFNUM: 0x6ffffffd, VERNEED: 0x6ffffffe, VERNEEDNUM: 0x6fffffff };

export function computeFloor(buf) {
  const b = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const wide = b[4] === 2;
  const le = b[5] === 1;
  const u16 = (o) => dv.getUint16(o, le);
  const u32 = (o) => dv.getUint32(o, le);
  const word = (o) => (wide ? Number(dv.getBigUint64(o, le)) : u32(o));
  const { ranges, parts, add } = rangeSet(b.length);
  const cstrLen = (off) => {
    let e = off;
    while (e < b.length && b[e] !== 0) e++;
    return e - off + 1;
  };

  const ehsize = wide ? 64 : 52;
  add("ehdr", 0, ehsize);
  const phoff = word(wide ? 32 : 28);
  const shoff = word(wide ? 40 : 32);
  const phentsize = u16(wide ? 54 : 42);
  let phnum = u16(wide ? 56 : 44);
  const shentsize = u16(wide ? 58 : 46);
  let shnum = u16(wide ? 60 : 48);
  let shstrndx = u16(wide ? 62 : 50);
  const sh = (i) => {
    const o = shoff + i * shentsize;
    return wide
      ? { name: u32(o), type: u32(o + 4), offset: word(o + 24), size: word(o + 32), link: u32(o + 40), info: u32(o + 44) }
      : { name: u32(o), type: u32(o + 4), offset: u32(o + 16), size: u32(o + 20), link: u32(o + 24), info: u32(o + 28) };
  };
  if (shoff !== 0 && (shnum === 0 || phnum === 0xffff || shstrndx === 0xffff) && shoff + shentsize <= b.length) {
    const s0 = sh(0);
    if (shnum === 0) shnum = s0.size;
    if (phnum === 0xffff) phnum = s0.info;
    if (shstrndx === 0xffff) shstrndx = s0.link;
    add("shdrs", shoff, shentsize);
  }
  const segs = [];
  if (phoff !== 0) {
    add("phdrs", phoff, phnum * phentsize);
    for (let i = 0; i < phnum && phoff + (i + 1) * phentsize <= b.length; i++) {
      const o = phoff + i * phentsize;
      segs.push(
        wide
          ? { type: u32(o), offset: word(o + 8), vaddr: word(o + 16), filesz: word(o + 32) }
          : { type: u32(o), offset: u32(o + 4), vaddr: u32(o + 8), filesz: u32(o + 16) },
      );
    }
  }
  const secs = [];
  if (shoff !== 0 && shnum > 0) {
    add("shdrs", shoff, shnum * shentsize);
    for (let i = 0; i < shnum && shoff + (i + 1) * shentsize <= b.length; i++) secs.push(sh(i));
  }
  const strtab = secs[shstrndx];
  if (shstrndx !== 0 && strtab !== undefined) {
    add("shstrtab", strtab.offset, strtab.size);
    for (const s of secs) {
      if (s.type === 7 /* SHT_NOTE */) add("notes", s.offset, s.size);
      if (s.type === 8 /* NOBITS */) continue;
      const n = strtab.offset + s.name;
      if (n < b.length && new TextDecoder().decode(b.subarray(n, n + 15)) === ".gnu_debuglink") add("debuglink", s.offset, s.size);
    }
  }
  const toOffset = (addr) => {
    for (const s of segs) if (s.type === 1 && addr >= s.vaddr && addr < s.vaddr + s.filesz) return addr - s.vaddr + s.offset;
    return undefined;
  };
  for (const s of segs) {
    if (s.type === 3 /* PT_INTERP */) add("interp", s.offset, s.filesz);
    if (s.type === 4 /* PT_NOTE */) add("notes", s.offset, s.filesz);
  }
  const dynSeg = segs.find((s) => s.type === 2);
  const dynSec = secs.find((s) => s.type === 6);
  const dynOff = dynSeg?.offset ?? dynSec?.offset;
  let dynEntries = [];
  const dynLen = dynSeg?.filesz ?? dynSec?.size ?? 0;
  if (dynOff !== undefined && dynOff < b.length) {
    const es = wide ? 16 : 8;
    const entries = [];
    let n = 0;
    for (let o = dynOff; o + es <= Math.min(b.length, dynOff + dynLen); o += es) {
      n++;
      const tag = word(o);
      if (tag === DT.NULL) break;
      entries.push([tag, word(o + es / 2)]);
    }
    add("dynamic", dynOff, n * es);
    dynEntries = entries;
    const val = (t) => entries.find((e) => e[0] === t)?.[1];
    const strAddr = val(DT.STRTAB);
    const strOff = strAddr === undefined ? undefined : toOffset(strAddr);
    const str = (o) => {
      if (strOff !== undefined && strOff + o < b.length) add("dynstr", strOff + o, cstrLen(strOff + o));
    };
    for (const [t, v] of entries) if (t === DT.NEEDED || t === DT.SONAME || t === DT.RPATH || t === DT.RUNPATH) str(v);
    const vn = val(DT.VERNEED) === undefined ? undefined : toOffset(val(DT.VERNEED));
    for (let i = 0, o = vn; o !== undefined && i < (val(DT.VERNEEDNUM) ?? 0) && o + 16 <= b.length; i++) {
      add("versions", o, 16);
      str(u32(o + 4));
      for (let j = 0, a = o + u32(o + 8); j < u16(o + 2) && a + 16 <= b.length; j++) {
        add("versions", a, 16);
        str(u32(a + 8));
        if (u32(a + 12) === 0) break;
        a += u32(a + 12);
      }
      if (u32(o + 12) === 0) break;
      o += u32(o + 12);
    }
    const vd = val(DT.VERDEF) === undefined ? undefined : toOffset(val(DT.VERDEF));
    for (let i = 0, o = vd; o !== undefined && i < (val(DT.VERDEFNUM) ?? 0) && o + 20 <= b.length; i++) {
      add("versions", o, 20);
      for (let j = 0, a = o + u32(o + 12); j < u16(o + 6) && a + 8 <= b.length; j++) {
        add("versions", a, 8);
        str(u32(a));
        if (u32(a + 4) === 0) break;
        a += u32(a + 4);
      }
      if (u32(o + 16) === 0) break;
      o += u32(o + 16);
    }
  }
  const floor = unionSize(ranges);

  // The analysis floor: the report's rules read more than the ELF facts, and any reader must
  // too: the imported symbols (.dynsym entries with st_shndx SHN_UNDEF, and their .dynstr
  // names) for the canary and FORTIFY checks; .comment (the compiler's distribution, a libc
  // hint); and in a statically linked program, which no import list describes, .symtab and
  // .strtab (libc startup symbols, NSS entry points), or .rodata once those were stripped
  // (libc marker strings, which only a search of the whole section can prove absent).
  const { ranges: analysis, parts: analysisParts, add: addA } = rangeSet(b.length, [...ranges]);
  const byName = (name) => {
    if (strtab === undefined) return undefined;
    return secs.find((x) => {
      const n = strtab.offset + x.name;
      return n + name.length < b.length && new TextDecoder().decode(b.subarray(n, n + name.length + 1)) === name + "\0";
    });
  };
  const dynsym = secs.find((x) => x.type === 11 /* SHT_DYNSYM */);
  if (dynsym !== undefined && secs[dynsym.link] !== undefined) {
    const es = wide ? 24 : 16;
    const names = secs[dynsym.link];
    const shndxAt = wide ? 6 : 14;
    for (let i = 1; (i + 1) * es <= dynsym.size && dynsym.offset + (i + 1) * es <= b.length; i++) {
      const o = dynsym.offset + i * es;
      if (u16(o + shndxAt) !== 0) continue;
      addA("imports", o, es);
      const n = u32(o);
      if (n !== 0 && names.offset + n < b.length) addA("importNames", names.offset + n, cstrLen(names.offset + n));
    }
  }
  const comment = byName(".comment");
  if (comment !== undefined) addA("comment", comment.offset, Math.min(comment.size, 64 * 1024));
  // elfscope's linkage rules (file(1)'s): no PT_DYNAMIC is static; PT_DYNAMIC with DF_1_PIE,
  // no PT_INTERP and no DT_NEEDED is static-pie; no program headers at all is an object file.
  const interp = segs.some((x) => x.type === 3);
  const flags1 = dynEntries.find((e) => e[0] === 0x6ffffffb /* DT_FLAGS_1 */)?.[1] ?? 0;
  const staticPie = dynSeg !== undefined && !interp && (flags1 & 0x08000000) !== 0 && !dynEntries.some((e) => e[0] === DT.NEEDED);
  const isStatic = segs.length === 0 || dynSeg === undefined || staticPie;
  if (isStatic) {
    const symtab = secs.find((x) => x.type === 2 /* SHT_SYMTAB */);
    if (symtab !== undefined) {
      addA("symtab", symtab.offset, symtab.size);
      const st = secs[symtab.link];
      if (st !== undefined) addA("symtab", st.offset, st.size);
    } else {
      const rodata = byName(".rodata");
      if (rodata !== undefined && rodata.type !== 8) addA("rodata", rodata.offset, Math.min(rodata.size, 64 * 1024 * 1024));
    }
  }
  return { floor, parts, analysisFloor: unionSize(analysis), analysisParts };
}

/** [start, end) ranges clipped to a file of `length` bytes, with bytes tallied per part. */
function rangeSet(length, ranges = []) {
  const parts = {};
  const add = (part, off, len) => {
    if (!(len > 0) || off < 0 || off >= length) return;
    len = Math.min(len, length - off);
    ranges.push([off, off + len]);
    parts[part] = (parts[part] ?? 0) + len;
  };
  return { ranges, parts, add };
}

/** Bytes covered by a list of [start, end) ranges (sorted here). */
function unionSize(ranges) {
  ranges.sort((x, y) => x[0] - y[0]);
  let size = 0;
  let end = -1;
  for (const [s, e] of ranges) {
    if (s >= end) {
      size += e - s;
      end = e;
    } else if (e > end) {
      size += e - end;
      end = e;
    }
  }
  return size;
}
