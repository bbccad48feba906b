import type { ByteView } from "../io/view.js";
import { limits } from "../limits.js";

/** Where a version chain's counts and links are (gABI/LSB "Symbol Versioning"). */
export interface ChainShape {
  record: number;
  auxCountAt: number;
  auxAt: number;
  nextAt: number;
  aux: number;
  auxNextAt: number;
}

/** `Elf_Verneed` (16 bytes) and its `Elf_Vernaux` (16). */
export const VERNEED_SHAPE: ChainShape = { record: 16, auxCountAt: 2, auxAt: 8, nextAt: 12, aux: 16, auxNextAt: 12 };
/** `Elf_Verdef` (20 bytes) and its `Elf_Verdaux` (8). */
export const VERDEF_SHAPE: ChainShape = { record: 20, auxCountAt: 6, auxAt: 12, nextAt: 16, aux: 8, auxNextAt: 4 };

/**
 * How many bytes from the start of `v` a version chain of `count` records spans, so that a
 * table found only through `DT_VERNEED`/`DT_VERDEF` (no section header, no size) can be read
 * exactly. Returns a value above `v.length` when the chain continues past the window (the
 * caller reads more and asks again). Bounded by `limits.maxVersionRecords` steps in all; the
 * parser proper judges loops and damage.
 */
export function chainExtent(v: ByteView, count: number, shape: ChainShape): number {
  const n = v.length;
  let steps = limits.maxVersionRecords;
  let end = 0;
  let o = 0;
  for (let i = 0; i < count && steps > 0; i++, steps--) {
    end = Math.max(end, o + shape.record);
    if (o + shape.record > n) return end;
    const cnt = v.u16(o + shape.auxCountAt);
    let a = o + v.u32(o + shape.auxAt);
    for (let j = 0; j < cnt && steps > 0; j++, steps--) {
      end = Math.max(end, a + shape.aux);
      if (a + shape.aux > n) return end;
      const next = v.u32(a + shape.auxNextAt);
      if (next === 0) break;
      a += next;
    }
    const next = v.u32(o + shape.nextAt);
    if (next === 0) break;
    o += next;
  }
  return end;
}
