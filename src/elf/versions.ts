import { ElfError, type Diagnostics } from "../errors.js";
import type { ByteView } from "../io/view.js";
import { limits } from "../limits.js";

/** One `Elf_Verneed` record and its `Elf_Vernaux` entries (gABI/LSB "Symbol Versioning"). */
export interface VersionNeed {
  file: string;
  versions: { name: string; index: number; flags: number; hash: number }[];
}

export interface VersionDef {
  index: number;
  flags: number;
  /** The first name is the version; later ones are its parents. */
  names: string[];
}

type Str = (offset: number) => string;

/**
 * The record offsets of a version chain. Each `*_next` is relative to its record and 0 ends the
 * chain; the walk also ends after `max` records or on a loop (a `vn_next` back into the chain,
 * reported), so no hostile chain can spin forever.
 */
function* chain(v: ByteView, start: number, max: number, nextAt: number, what: string, diag: Diagnostics): Generator<number> {
  const seen = new Set<number>();
  let o = start;
  for (let i = 0; i < Math.min(max, limits.maxVersionRecords); i++) {
    if (seen.has(o)) {
      diag.report(new ElfError("BAD_VERSION_TABLE", `${what} chain loops`, v.base + o));
      return;
    }
    seen.add(o);
    yield o;
    const next = v.u32(o + nextAt);
    if (next === 0) return;
    o += next;
  }
}

/** `count` as written, but never more records of `size` bytes than the table can hold. */
const fits = (v: ByteView, count: number, size: number): number => Math.min(count, Math.floor(v.length / size));

export function parseVersionNeeds(v: ByteView, count: number, str: Str, diag: Diagnostics): VersionNeed[] {
  const out: VersionNeed[] = [];
  for (const o of chain(v, 0, count, 12, "Version need", diag)) {
    const need: VersionNeed = { file: diag.guard(() => str(v.u32(o + 4)), "?"), versions: [] };
    out.push(need);
    for (const a of chain(v, o + v.u32(o + 8), fits(v, v.u16(o + 2), 16), 12, "Version need aux", diag)) {
      need.versions.push({
        hash: v.u32(a),
        flags: v.u16(a + 4),
        index: v.u16(a + 6) & 0x7fff,
        name: diag.guard(() => str(v.u32(a + 8)), "?"),
      });
    }
  }
  return out;
}

export function parseVersionDefs(v: ByteView, count: number, str: Str, diag: Diagnostics): VersionDef[] {
  const out: VersionDef[] = [];
  for (const o of chain(v, 0, count, 16, "Version definition", diag)) {
    const def: VersionDef = { flags: v.u16(o + 2), index: v.u16(o + 4), names: [] };
    out.push(def);
    for (const a of chain(v, o + v.u32(o + 12), fits(v, v.u16(o + 6), 8), 4, "Version definition aux", diag)) {
      def.names.push(diag.guard(() => str(v.u32(a)), "?"));
    }
  }
  return out;
}

/** Version index → name, from both tables (index 0 local, 1 global). */
export function versionNames(needs: readonly VersionNeed[], defs: readonly VersionDef[]): Map<number, { name: string; file?: string }> {
  const m = new Map<number, { name: string; file?: string }>();
  for (const d of defs) if (d.names[0] !== undefined) m.set(d.index, { name: d.names[0] });
  for (const n of needs) for (const v of n.versions) m.set(v.index, { name: v.name, file: n.file });
  return m;
}
