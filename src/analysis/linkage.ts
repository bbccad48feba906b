import { DF_1_PIE, PT_DYNAMIC, PT_INTERP } from "../elf/constants.js";
import type { ElfFile } from "../elf/file.js";

export interface Linkage {
  /** As `file` words it; null for files that are not linked programs (ET_REL, ET_CORE). */
  kind: "static" | "static-pie" | "dynamic" | null;
  libc: "glibc" | "musl" | "bionic" | "uclibc" | null;
}

/**
 * `file`'s rules (readelf.c in file/file): no `PT_DYNAMIC` is "statically linked"; `PT_DYNAMIC`
 * with `DF_1_PIE`, no `PT_INTERP` and no `DT_NEEDED` is "static-pie linked"; otherwise
 * "dynamically linked".
 */
export async function linkageKind(elf: ElfFile): Promise<Linkage["kind"]> {
  if (elf.segments.length === 0) return null;
  if (!elf.segments.some((s) => s.type === PT_DYNAMIC)) return "static";
  const dyn = await elf.dynamic();
  const pie = dyn !== undefined && (dyn.flags1 & BigInt(DF_1_PIE)) !== 0n;
  const interp = elf.segments.some((s) => s.type === PT_INTERP);
  if (pie && !interp && (dyn?.needed.length ?? 0) === 0) return "static-pie";
  return "dynamic";
}

export async function linkageOf(elf: ElfFile): Promise<Linkage> {
  return { kind: await linkageKind(elf), libc: null };
}
