/**
 * Format-aware mutations. The mutator finds the fields that steer parsing (header counts and
 * offsets, program and section header fields, dynamic entries, note headers) with its own small
 * reader, independent of src/, and sets them to the values that break parsers: counts 0, 1,
 * 0xffff, 2^32-1; offsets near the end of the file and near 2^64; entry sizes 0. Random bit
 * flips, truncation, duplicated tables and splices keep the rest of the input space covered.
 */
import type { Rng } from "./prng.js";

/** A field of the input: where it is and how wide (2, 4 or 8 bytes). */
interface Field {
  at: number;
  width: 1 | 2 | 4 | 8;
  kind: "count" | "offset" | "size" | "entsize" | "addr" | "tag" | "any";
}

interface Shape {
  wide: boolean;
  little: boolean;
  fields: Field[];
  /** Table regions [offset, length): phdrs, shdrs, dynamic, notes. */
  tables: { at: number; len: number; entsize: number }[];
  /** PT_LOAD mappings, to turn a file offset into an address for address-valued fields. */
  loads: { vaddr: bigint; offset: number; filesz: number }[];
}

function readU(b: Uint8Array, at: number, width: number, little: boolean): bigint {
  if (at < 0 || at + width > b.length) return 0n;
  let v = 0n;
  for (let i = 0; i < width; i++) {
    const byte = BigInt(b[little ? at + i : at + width - 1 - i]!);
    v |= byte << BigInt(8 * i);
  }
  return v;
}

function writeU(b: Uint8Array, at: number, width: number, little: boolean, value: bigint): void {
  if (at < 0 || at + width > b.length) return;
  const v = BigInt.asUintN(width * 8, value);
  for (let i = 0; i < width; i++) {
    b[little ? at + i : at + width - 1 - i] = Number((v >> BigInt(8 * i)) & 0xffn);
  }
}

/** Finds the fields worth mutating. Cheap: at most a few hundred fields per input. */
export function shapeOf(b: Uint8Array): Shape | undefined {
  if (b.length < 52 || b[0] !== 0x7f || b[1] !== 0x45) return undefined;
  const wide = b[4] === 2;
  const little = b[5] !== 2;
  const W: 4 | 8 = wide ? 8 : 4;
  const u = (at: number, w: number) => readU(b, at, w, little);
  const fields: Field[] = [];
  const tables: Shape["tables"] = [];
  const loads: Shape["loads"] = [];
  const e = wide
    ? { phoff: 32, shoff: 40, ehsize: 52, phentsize: 54, phnum: 56, shentsize: 58, shnum: 60, shstrndx: 62 }
    : { phoff: 28, shoff: 32, ehsize: 40, phentsize: 42, phnum: 44, shentsize: 46, shnum: 48, shstrndx: 50 };
  fields.push(
    { at: 24, width: W, kind: "addr" },
    { at: e.phoff, width: W, kind: "offset" },
    { at: e.shoff, width: W, kind: "offset" },
    { at: e.phentsize, width: 2, kind: "entsize" },
    { at: e.phnum, width: 2, kind: "count" },
    { at: e.shentsize, width: 2, kind: "entsize" },
    { at: e.shnum, width: 2, kind: "count" },
    { at: e.shstrndx, width: 2, kind: "count" },
    { at: 4, width: 1, kind: "any" },
    { at: 5, width: 1, kind: "any" },
  );
  const phoff = Number(u(e.phoff, W));
  const phentsize = Number(u(e.phentsize, 2));
  const phnum = Math.min(Number(u(e.phnum, 2)), 64);
  const ph = wide
    ? { type: 0, flags: 4, offset: 8, vaddr: 16, filesz: 32, memsz: 40, align: 48 }
    : { type: 0, offset: 4, vaddr: 8, filesz: 16, memsz: 20, flags: 24, align: 28 };
  if (phentsize >= (wide ? 56 : 32) && phoff < b.length) {
    tables.push({ at: phoff, len: phnum * phentsize, entsize: phentsize });
    for (let i = 0; i < phnum; i++) {
      const p = phoff + i * phentsize;
      if (p + phentsize > b.length) break;
      fields.push(
        { at: p + ph.type, width: 4, kind: "tag" },
        { at: p + ph.offset, width: W, kind: "offset" },
        { at: p + ph.vaddr, width: W, kind: "addr" },
        { at: p + ph.filesz, width: W, kind: "size" },
        { at: p + ph.memsz, width: W, kind: "size" },
        { at: p + ph.align, width: W, kind: "size" },
      );
      const type = Number(u(p + ph.type, 4));
      const off = Number(u(p + ph.offset, W));
      const sz = Number(u(p + ph.filesz, W));
      if (type === 1) loads.push({ vaddr: u(p + ph.vaddr, W), offset: off, filesz: sz });
      if (type === 2 && off < b.length) {
        const de = wide ? 16 : 8;
        const n = Math.min(Math.floor(Math.min(sz, b.length - off) / de), 64);
        tables.push({ at: off, len: n * de, entsize: de });
        for (let j = 0; j < n; j++) {
          fields.push({ at: off + j * de, width: W, kind: "tag" }, { at: off + j * de + W, width: W, kind: "any" });
        }
      }
      if (type === 4 && off < b.length) {
        tables.push({ at: off, len: Math.min(sz, b.length - off), entsize: 4 });
        // The first few note headers (namesz, descsz, type), walked with 4-byte alignment.
        let o = off;
        for (let k = 0; k < 8 && o + 12 <= Math.min(b.length, off + sz); k++) {
          fields.push({ at: o, width: 4, kind: "size" }, { at: o + 4, width: 4, kind: "size" }, { at: o + 8, width: 4, kind: "tag" });
          const nsz = Number(u(o, 4));
          const dsz = Number(u(o + 4, 4));
          o += 12 + ((nsz + 3) & ~3) + ((dsz + 3) & ~3);
        }
      }
    }
  }
  const shoff = Number(u(e.shoff, W));
  const shentsize = Number(u(e.shentsize, 2));
  const shnum = Math.min(Number(u(e.shnum, 2)), 128);
  const sh = wide
    ? { type: 4, offset: 24, size: 32, link: 40, info: 44, addralign: 48, entsize: 56, addr: 16, name: 0 }
    : { type: 4, offset: 16, size: 20, link: 24, info: 28, addralign: 32, entsize: 36, addr: 12, name: 0 };
  if (shentsize >= (wide ? 64 : 40) && shoff < b.length) {
    tables.push({ at: shoff, len: shnum * shentsize, entsize: shentsize });
    for (let i = 0; i < shnum; i++) {
      const s = shoff + i * shentsize;
      if (s + shentsize > b.length) break;
      fields.push(
        { at: s + sh.name, width: 4, kind: "offset" },
        { at: s + sh.type, width: 4, kind: "tag" },
        { at: s + sh.addr, width: W, kind: "addr" },
        { at: s + sh.offset, width: W, kind: "offset" },
        { at: s + sh.size, width: W, kind: "size" },
        { at: s + sh.link, width: 4, kind: "count" },
        { at: s + sh.info, width: 4, kind: "count" },
        { at: s + sh.addralign, width: W, kind: "size" },
        { at: s + sh.entsize, width: W, kind: "entsize" },
      );
    }
  }
  return { wide, little, fields, tables, loads };
}

const TAGS = [0n, 1n, 4n, 5n, 6n, 10n, 14n, 15n, 29n, 0x6ffffef5n, 0x6ffffff0n, 0x6ffffffcn, 0x6ffffffdn, 0x6ffffffen, 0x6fffffffn];
const SEG_TYPES = [0n, 1n, 2n, 3n, 4n, 6n, 7n, 0x6474e550n, 0x6474e551n, 0x6474e552n, 0x6474e553n];
const SEC_TYPES = [0n, 1n, 2n, 3n, 5n, 6n, 7n, 8n, 11n, 0x6ffffff6n, 0x6ffffffdn, 0x6ffffffen, 0x6fffffffn];

function interesting(rng: Rng, f: Field, size: number, cur: bigint, shape: Shape): bigint {
  const max = f.width === 8 ? 2n ** 64n - 1n : f.width === 4 ? 0xffffffffn : f.width === 2 ? 0xffffn : 0xffn;
  const common = [0n, 1n, 2n, 0xffn, 0xffffn, 0xff00n, 0x7fffffffn, 0x80000000n, 0xffffffffn, max, max - 1n, max - 15n, cur + 1n, cur - 1n, cur * 2n, 2n ** 31n, 2n ** 40n];
  const nearEnd = [BigInt(size), BigInt(size - 1), BigInt(size + 1), BigInt(size - 8), BigInt(size - 12), BigInt(Math.max(0, size - 64)), BigInt(rng.int(size + 1))];
  switch (f.kind) {
    case "count":
      return rng.pick([0n, 1n, 0xffffn, 0xffffffffn, 0xff00n, 0xfffen, cur + 1n, cur * 2n, BigInt(rng.int(16)), max]);
    case "offset":
    case "size":
      return rng.chance(0.6) ? rng.pick(nearEnd) : rng.pick(common);
    case "entsize":
      return rng.pick([0n, 1n, 4n, 8n, 16n, 24n, 32n, 40n, 56n, 64n, 0xffffn, cur - 1n, cur + 1n]);
    case "addr": {
      if (shape.loads.length > 0 && rng.chance(0.6)) {
        const l = rng.pick(shape.loads);
        return l.vaddr + BigInt(rng.pick([0, l.filesz - 1, l.filesz, rng.int(l.filesz + 1)]));
      }
      return rng.pick(common);
    }
    case "tag":
      return rng.pick([...TAGS, ...SEG_TYPES, ...SEC_TYPES, rng.u64() & max]);
    default:
      return rng.chance(0.5) ? rng.pick(common) : rng.pick(nearEnd);
  }
}

/** One mutation of `b` (which may be returned modified in place, or replaced). */
function mutateOnce(rng: Rng, input: Uint8Array, corpus: readonly Uint8Array[]): Uint8Array {
  let b = input;
  const shape = shapeOf(b);
  const op = rng.int(shape === undefined ? 4 : 12);
  switch (op) {
    case 0: {
      // Bit flips.
      const n = 1 + rng.int(4);
      for (let i = 0; i < n && b.length > 0; i++) b[rng.int(b.length)]! ^= 1 << rng.int(8);
      return b;
    }
    case 1: {
      // Random bytes, a short run.
      if (b.length === 0) return b;
      const at = rng.int(b.length);
      const n = 1 + rng.int(8);
      for (let i = 0; i < n && at + i < b.length; i++) b[at + i] = rng.int(256);
      return b;
    }
    case 2: {
      // Truncation: anywhere, or just inside a table.
      if (b.length === 0) return b;
      const cut = shape !== undefined && shape.tables.length > 0 && rng.chance(0.5)
        ? (() => {
            const t = rng.pick(shape.tables);
            return Math.min(b.length, t.at + rng.int(t.len + 1));
          })()
        : rng.int(b.length);
      return b.slice(0, cut);
    }
    case 3: {
      // Splice: a run of another corpus input copied over this one.
      const other = rng.pick(corpus);
      if (other.length === 0 || b.length === 0) return b;
      const from = rng.int(other.length);
      const n = Math.min(1 + rng.int(256), other.length - from);
      const at = rng.int(b.length);
      b.set(other.subarray(from, from + Math.min(n, b.length - at)), at);
      return b;
    }
    default:
      break;
  }
  const s = shape!;
  if (op <= 8 && s.fields.length > 0) {
    // The format-aware core: one steering field set to a hostile value.
    const f = rng.pick(s.fields);
    const cur = readU(b, f.at, f.width, s.little);
    writeU(b, f.at, f.width, s.little, interesting(rng, f, b.length, cur, s));
    return b;
  }
  if (op === 9 && s.tables.length > 0) {
    // Duplicate one entry of a table over another entry (two PT_DYNAMICs, two DT_STRTABs…).
    const t = rng.pick(s.tables);
    const n = Math.floor(t.len / t.entsize);
    if (n >= 2) {
      const i = rng.int(n);
      const j = rng.int(n);
      b.copyWithin(t.at + j * t.entsize, t.at + i * t.entsize, t.at + (i + 1) * t.entsize);
    }
    return b;
  }
  if (op === 10 && s.tables.length > 0) {
    // Duplicate a whole table: append a copy and, sometimes, point the header at it, or copy it
    // over another table (overlapping structures).
    const t = rng.pick(s.tables);
    if (rng.chance(0.5)) {
      const other = rng.pick(s.tables);
      b.copyWithin(other.at, t.at, Math.min(b.length, t.at + t.len));
      return b;
    }
    const copy = new Uint8Array(b.length + t.len);
    copy.set(b);
    copy.set(b.subarray(t.at, Math.min(b.length, t.at + t.len)), b.length);
    return copy;
  }
  // Insert or delete a few bytes: shifts everything after, so offsets stop matching.
  const at = rng.int(b.length + 1);
  const n = 1 + rng.int(16);
  if (rng.chance(0.5) && at < b.length) {
    const end = Math.min(b.length, at + n);
    const out = new Uint8Array(b.length - (end - at));
    out.set(b.subarray(0, at));
    out.set(b.subarray(end), at);
    return out;
  }
  const out = new Uint8Array(b.length + n);
  out.set(b.subarray(0, at));
  for (let i = 0; i < n; i++) out[at + i] = rng.int(256);
  out.set(b.subarray(at), at + n);
  return out;
}

/** 1–4 stacked mutations of a copy of `seed`, capped at `maxBytes`. */
export function mutate(rng: Rng, seed: Uint8Array, corpus: readonly Uint8Array[], maxBytes: number): Uint8Array {
  let b: Uint8Array = seed.slice();
  const n = 1 + rng.int(rng.chance(0.7) ? 2 : 4);
  for (let i = 0; i < n; i++) b = mutateOnce(rng, b, corpus);
  return b.length > maxBytes ? b.subarray(0, maxBytes) : b;
}
