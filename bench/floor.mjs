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
  const parts = {};
  const ranges = [];
  const add = (part, off, len) => {
    if (!(len > 0) || off < 0 || off >= b.length) return;
    len = Math.min(len, b.length - off);
    ranges.push([off, off + len]);
    parts[part] = (parts[part] ?? 0) + len;
  };
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
  ranges.sort((x, y) => x[0] - y[0]);
  let floor = 0;
  let end = -1;
  for (const [s, e] of ranges) {
    if (s >= end) {
      floor += e - s;
      end = e;
    } else if (e > end) {
      floor += e - end;
      end = e;
    }
  }
  return { floor, parts };
}
