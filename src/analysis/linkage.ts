import { DF_1_PIE, PT_DYNAMIC, PT_INTERP } from "../elf/constants.js";
import type { ElfFile } from "../elf/file.js";
import type { LibcFamily } from "./libc.js";

/** As `file` words it; null for files that are not linked programs (ET_REL, ET_CORE). */
export type LinkageKind = "static" | "static-pie" | "dynamic" | null;

export interface Linkage {
  kind: LinkageKind;
  libc: LibcFamily | null;
  /** What named the libc: "PT_INTERP /lib/ld-musl-x86_64.so.1 (musl)", "symbol __init_libc (musl)"… */
  libcEvidence: string[];
}

/** Whether the program carries its own C library, if any: "static" or "static-pie". */
export function linkedStatically(kind: LinkageKind): boolean {
  return kind === "static" || kind === "static-pie";
}

/**
 * `file`'s rules (readelf.c in file/file): no `PT_DYNAMIC` is "statically linked"; `PT_DYNAMIC`
 * with `DF_1_PIE`, no `PT_INTERP` and no `DT_NEEDED` is "static-pie linked"; otherwise
 * "dynamically linked". One difference, on purpose: file 5.44 also says "static-pie linked" for
 * a shared library with any `DT_FLAGS_1` (pam_deny.so has only `DF_1_NOW`) and no `DT_NEEDED`,
 * 52 of a Debian system's 4,318 ELF files; those are libraries, not programs, so "dynamic" here.
 */
export async function linkageKind(elf: ElfFile): Promise<LinkageKind> {
  if (elf.segments.length === 0) return null;
  if (!elf.segments.some((s) => s.type === PT_DYNAMIC)) return "static";
  const dyn = await elf.dynamic();
  const pie = dyn !== undefined && (dyn.flags1 & BigInt(DF_1_PIE)) !== 0n;
  const interp = elf.segments.some((s) => s.type === PT_INTERP);
  if (pie && !interp && (dyn?.needed.length ?? 0) === 0) return "static-pie";
  return "dynamic";
}
