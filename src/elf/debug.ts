import { limits } from "../limits.js";
import { SHF_COMPRESSED, SHT_SYMTAB } from "./constants.js";
import type { ElfFile } from "./file.js";

export interface DebugInfo {
  /** A `.symtab` (SHT_SYMTAB) section exists. */
  symtab: boolean;
  /** Any `.debug_*` or `.zdebug_*` section. */
  dwarf: boolean;
  /** DWARF compressed: `.zdebug_*` (GNU) or `SHF_COMPRESSED` (gABI). */
  dwarfCompressed: boolean;
  /** `.debug_info` exists: what `file` calls "with debug_info". */
  debugInfoSection: boolean;
  /** The file name in `.gnu_debuglink`. */
  debuglink: string | undefined;
  /** The DWARF section names present. */
  dwarfSections: string[];
  /** As `file` says it: "stripped" means no SHT_SYMTAB section. */
  stripped: boolean;
}

export async function debugFacts(elf: ElfFile): Promise<DebugInfo> {
  const dwarfSections = elf.sections.filter((s) => s.name.startsWith(".debug_") || s.name.startsWith(".zdebug_"));
  const symtab = elf.sections.some((s) => s.type === SHT_SYMTAB);
  const link = elf.sectionByName(".gnu_debuglink");
  const debuglink =
    link === undefined
      ? undefined
      : await elf.diagnostics.guardAsync(async () => {
          const v = await elf.readSection(link, limits.maxStringLength);
          return v.cstring(0, limits.maxStringLength);
        }, undefined);
  return {
    symtab,
    dwarf: dwarfSections.length > 0,
    dwarfCompressed: dwarfSections.some((s) => s.name.startsWith(".zdebug_") || (s.flags & BigInt(SHF_COMPRESSED)) !== 0n),
    debugInfoSection: elf.sections.some((s) => s.name === ".debug_info" || s.name === ".zdebug_info"),
    debuglink,
    dwarfSections: dwarfSections.map((s) => s.name),
    stripped: !symtab,
  };
}
