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
 * chain; the walk also ends after `max` records, on a loop (a `vn_next` back into the chain),
 * or on a record that does not fit in the table, each reported. Records before the bad link
 * are kept: one broken `vn_next` must not cost the versions already read. `budget` is shared by
 * every chain of one table: in a well-formed table records do not overlap, so a table of n bytes
 * holds at most n / (smallest record) of them, however the chains are linked. Without it, many
 * records pointing at one long aux chain would produce output quadratic in the table size.
 */
function* chain(
  v: ByteView,
  start: number,
  max: number,
  next: { at: number; recordSize: number },
  what: string,
  diag: Diagnostics,
  budget: { left: number },
): Generator<number> {
  const seen = new Set<number>();
  let o = start;
  for (let i = 0; i < Math.min(max, limits.maxVersionRecords); i++) {
    if (seen.has(o)) {
      diag.report(new ElfError("BAD_VERSION_TABLE", `${what} chain loops`, v.base + o));
      return;
    }
    if (!(o >= 0 && next.recordSize <= v.length - o)) {
      diag.report(new ElfError("BAD_VERSION_TABLE", `${what} record outside its table`, v.base, o));
      return;
    }
    if (budget.left <= 0) {
      diag.report(new ElfError("LIMIT_EXCEEDED", `Too many ${what} records for the table size`, v.base + o, v.length));
      return;
    }
    budget.left--;
    seen.add(o);
    yield o;
    const step = v.u32(o + next.at);
    if (step === 0) return;
    o += step;
  }
}

/** `count` as written, but never more records of `size` bytes than the table can hold. */
const fits = (v: ByteView, count: number, size: number): number => Math.min(count, Math.floor(v.length / size));

export function parseVersionNeeds(v: ByteView, count: number, str: Str, diag: Diagnostics): VersionNeed[] {
  const out: VersionNeed[] = [];
  // Elf_Verneed and Elf_Vernaux are both 16 bytes.
  const budget = { left: Math.floor(v.length / 16) };
  for (const o of chain(v, 0, count, { at: 12, recordSize: 16 }, "Version need", diag, budget)) {
    const need: VersionNeed = { file: diag.guard(() => str(v.u32(o + 4)), "?"), versions: [] };
    out.push(need);
    for (const a of chain(v, o + v.u32(o + 8), fits(v, v.u16(o + 2), 16), { at: 12, recordSize: 16 }, "Version need aux", diag, budget)) {
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
  // Elf_Verdef is 20 bytes, Elf_Verdaux 8: budget by the smaller.
  const budget = { left: Math.floor(v.length / 8) };
  for (const o of chain(v, 0, count, { at: 16, recordSize: 20 }, "Version definition", diag, budget)) {
    const def: VersionDef = { flags: v.u16(o + 2), index: v.u16(o + 4), names: [] };
    out.push(def);
    for (const a of chain(v, o + v.u32(o + 12), fits(v, v.u16(o + 6), 8), { at: 4, recordSize: 8 }, "Version definition aux", diag, budget)) {
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
