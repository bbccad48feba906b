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
 * Walks a `vn_next`/`vna_next` chain. Offsets are relative to the current record; a loop (a
 * `vn_next` back into the chain) or a count past `DT_VERNEEDNUM` ends the walk with an error,
 * so no hostile chain can spin forever.
 */
export function parseVersionNeeds(v: ByteView, count: number, str: Str, diag: Diagnostics): VersionNeed[] {
  const out: VersionNeed[] = [];
  const seen = new Set<number>();
  let o = 0;
  const max = Math.min(count, limits.maxVersionRecords);
  for (let i = 0; i < max; i++) {
    if (seen.has(o)) {
      diag.report(new ElfError("BAD_VERSION_TABLE", "Version need chain loops", v.base + o));
      break;
    }
    seen.add(o);
    const cnt = v.u16(o + 2);
    const need: VersionNeed = { file: diag.guard(() => str(v.u32(o + 4)), "?"), versions: [] };
    out.push(need);
    let a = o + v.u32(o + 8);
    const auxSeen = new Set<number>();
    // Each Vernaux is 16 bytes: a count that the remaining bytes cannot hold is a lie.
    const auxMax = Math.min(cnt, Math.floor(v.length / 16), limits.maxVersionRecords);
    for (let j = 0; j < auxMax; j++) {
      if (auxSeen.has(a)) {
        diag.report(new ElfError("BAD_VERSION_TABLE", "Version need aux chain loops", v.base + a));
        break;
      }
      auxSeen.add(a);
      need.versions.push({
        hash: v.u32(a),
        flags: v.u16(a + 4),
        index: v.u16(a + 6) & 0x7fff,
        name: diag.guard(() => str(v.u32(a + 8)), "?"),
      });
      const next = v.u32(a + 12);
      if (next === 0) break;
      a += next;
    }
    const next = v.u32(o + 12);
    if (next === 0) break;
    o += next;
  }
  return out;
}

export function parseVersionDefs(v: ByteView, count: number, str: Str, diag: Diagnostics): VersionDef[] {
  const out: VersionDef[] = [];
  const seen = new Set<number>();
  let o = 0;
  const max = Math.min(count, limits.maxVersionRecords);
  for (let i = 0; i < max; i++) {
    if (seen.has(o)) {
      diag.report(new ElfError("BAD_VERSION_TABLE", "Version definition chain loops", v.base + o));
      break;
    }
    seen.add(o);
    const def: VersionDef = { flags: v.u16(o + 2), index: v.u16(o + 4), names: [] };
    out.push(def);
    const cnt = v.u16(o + 6);
    let a = o + v.u32(o + 12);
    const auxSeen = new Set<number>();
    const auxMax = Math.min(cnt, Math.floor(v.length / 8), limits.maxVersionRecords);
    for (let j = 0; j < auxMax; j++) {
      if (auxSeen.has(a)) break;
      auxSeen.add(a);
      def.names.push(diag.guard(() => str(v.u32(a)), "?"));
      const next = v.u32(a + 4);
      if (next === 0) break;
      a += next;
    }
    const next = v.u32(o + 16);
    if (next === 0) break;
    o += next;
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
