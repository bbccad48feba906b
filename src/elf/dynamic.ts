import { ElfError, type Diagnostics } from "../errors.js";
import type { ByteView } from "../io/view.js";
import type { StringLookup } from "./strings.js";
import { limits } from "../limits.js";
import {
  DT_FLAGS, DT_FLAGS_1, DT_NEEDED, DT_NULL, DT_RPATH, DT_RUNPATH, DT_SONAME, DT_STRSZ, DT_STRTAB,
} from "./constants.js";
import type { Layout } from "./layout.js";

export interface DynamicEntry {
  /** `d_tag`, unsigned (DT_* numbers above 2^31 are processor/OS ranges). */
  tag: number;
  value: bigint;
  /** File offset of the entry. */
  offset: number;
}

/**
 * Reads `d_tag`/`d_val` pairs up to `DT_NULL`. A table without `DT_NULL` is reported but its
 * entries are kept: the loader would read on into garbage, we stop at the segment's end.
 * `zeroFilled`: the table continues in memory past the bytes in the file (`PT_DYNAMIC`'s
 * `p_memsz` above `p_filesz`), where the loader sees zeros, that is `DT_NULL`: a separate debug
 * file keeps the segment with no bytes at all. Then the end of the file's bytes ends the table.
 */
export function parseDynamicEntries(v: ByteView, layout: Layout, diag: Diagnostics, zeroFilled = false): DynamicEntry[] {
  const size = layout.dyn.size;
  const n = Math.min(Math.floor(v.length / size), limits.maxDynamicEntries);
  const out: DynamicEntry[] = [];
  for (let i = 0; i < n; i++) {
    const o = i * size;
    const tag = Number(layout.wide ? v.u64(o) : BigInt(v.u32(o)));
    if (tag === DT_NULL) return out;
    out.push({ tag, value: v.word(o + layout.dyn.val, layout.wide), offset: v.base + o });
  }
  if (zeroFilled && n < limits.maxDynamicEntries) return out;
  diag.report(
    new ElfError(
      n === limits.maxDynamicEntries ? "LIMIT_EXCEEDED" : "BAD_DYNAMIC",
      n === limits.maxDynamicEntries ? "Too many dynamic entries" : "Dynamic section without DT_NULL",
      v.base,
      n,
    ),
  );
  return out;
}

/** The dynamic section's answers that users ask about, with names resolved. */
export interface DynamicInfo {
  entries: DynamicEntry[];
  needed: string[];
  soname: string | undefined;
  rpath: string[];
  runpath: string[];
  /** `DT_FLAGS` value (0 when absent). */
  flags: bigint;
  /** `DT_FLAGS_1` value (0 when absent). */
  flags1: bigint;
}

export function firstValue(entries: readonly DynamicEntry[], tag: number): bigint | undefined {
  for (const e of entries) if (e.tag === tag) return e.value;
  return undefined;
}

export function hasTag(entries: readonly DynamicEntry[], tag: number): boolean {
  return entries.some((e) => e.tag === tag);
}

/** Where `.dynstr` is, by the dynamic section's own account. */
export function stringTableRef(entries: readonly DynamicEntry[]): { addr: bigint; size: bigint | undefined } | undefined {
  const addr = firstValue(entries, DT_STRTAB);
  if (addr === undefined) return undefined;
  return { addr, size: firstValue(entries, DT_STRSZ) };
}

/** The `.dynstr` offsets `describeDynamic` will look up (those inside a table of any size). */
export function stringOffsets(entries: readonly DynamicEntry[]): number[] {
  const out: number[] = [];
  for (const e of entries) {
    const t = e.tag;
    if ((t === DT_NEEDED || t === DT_SONAME || t === DT_RPATH || t === DT_RUNPATH) && e.value <= BigInt(Number.MAX_SAFE_INTEGER)) out.push(Number(e.value));
  }
  return out;
}

/**
 * Resolves the string-valued tags through `.dynstr`. A bad string is a warning on that entry;
 * the others still resolve (`DT_NEEDED` past `DT_STRSZ` must not hide `DT_SONAME`).
 */
export function describeDynamic(
  entries: DynamicEntry[],
  strings: StringLookup | undefined,
  diag: Diagnostics,
): DynamicInfo {
  const info: DynamicInfo = {
    entries,
    needed: [],
    soname: undefined,
    rpath: [],
    runpath: [],
    flags: firstValue(entries, DT_FLAGS) ?? 0n,
    flags1: firstValue(entries, DT_FLAGS_1) ?? 0n,
  };
  const str = (e: DynamicEntry): string | undefined => {
    if (strings === undefined) return undefined;
    return diag.guard(() => {
      if (e.value >= BigInt(strings.length)) {
        throw new ElfError("BAD_STRING", "Dynamic string offset past DT_STRSZ", e.offset, e.value);
      }
      return strings.cstring(Number(e.value), limits.maxStringLength);
    }, undefined);
  };
  for (const e of entries) {
    if (e.tag === DT_NEEDED) {
      const s = str(e);
      if (s !== undefined) info.needed.push(s);
    } else if (e.tag === DT_SONAME) {
      info.soname ??= str(e);
    } else if (e.tag === DT_RPATH || e.tag === DT_RUNPATH) {
      const s = str(e);
      if (s !== undefined) (e.tag === DT_RPATH ? info.rpath : info.runpath).push(...s.split(":"));
    }
  }
  return info;
}
