import type { Warning } from "../errors.js";
import {
  dynamicFlagNames, dynamicFlags1Names, machineName, osabiName, sectionFlagNames, sectionTypeName,
  segmentFlagNames, segmentTypeName, typeName,
} from "../elf/constants.js";
import type { ElfFile } from "../elf/file.js";
import { addr } from "../io/view.js";
import { linkageOf, type Linkage } from "./linkage.js";
import { highestVersion, neededVersions } from "./versions.js";

/** The JSON report, contract v1 (DESIGN.md). One per input file. */
export interface Report {
  path: string | null;
  size: number;
  elf: {
    class: 32 | 64;
    endian: "little" | "big";
    osabi: string;
    abiVersion: number;
    type: string;
    machine: string;
    entry: string;
    flags: number;
  };
  interpreter: string | null;
  dynamic: {
    needed: string[];
    soname: string | null;
    rpath: string[];
    runpath: string[];
    flags: string[];
    flags1: string[];
  } | null;
  segments: { type: string; flags: string[]; offset: number; vaddr: string; filesz: number; memsz: number; align: number }[];
  sections: { name: string; type: string; flags: string[]; addr: string; offset: number; size: number }[];
  notes: { gnuBuildId: string | null; goBuildId: string | null; abiTag: string | null; x86IsaNeeded: string[]; features: string[]; packageMetadata: string | null };
  versions: { needed: Record<string, string[]>; defined: string[]; glibc: string | null; glibcxx: string | null; cxxabi: string | null };
  debug: { symtab: boolean; dwarf: boolean; dwarfCompressed: boolean; debuglink: string | null; stripped: boolean; dwarfSections: string[] };
  linkage: Linkage;
  warnings: Warning[];
}

export interface ReportOptions {
  /** Shown as `path` in the report. */
  path?: string;
}

/** The format-level part of the report: what readelf would tell, in contract form. */
export async function elfReport(elf: ElfFile, options: ReportOptions = {}): Promise<Report> {
  const h = elf.header;
  const [interpreter, dyn, facts, needs, defs, debug] = await Promise.all([
    elf.interpreter(),
    elf.dynamic(),
    elf.noteFacts(),
    elf.versionNeeds(),
    elf.versionDefs(),
    elf.debugInfo(),
  ]);
  return {
    path: options.path ?? null,
    size: elf.source.size,
    elf: {
      class: h.class,
      endian: h.endian,
      osabi: osabiName(h.osabi),
      abiVersion: h.abiVersion,
      type: typeName(h.type),
      machine: machineName(h.machine),
      entry: addr(h.entry),
      flags: h.flags,
    },
    interpreter: interpreter ?? null,
    dynamic:
      dyn === undefined
        ? null
        : {
            needed: dyn.needed,
            soname: dyn.soname ?? null,
            rpath: dyn.rpath,
            runpath: dyn.runpath,
            flags: dynamicFlagNames(dyn.flags),
            flags1: dynamicFlags1Names(dyn.flags1),
          },
    segments: elf.segments.map((s) => ({
      type: segmentTypeName(s.type, h.machine),
      flags: segmentFlagNames(s.flags),
      offset: s.offset,
      vaddr: addr(s.vaddr),
      filesz: s.filesz,
      memsz: Number(s.memsz),
      align: Number(s.align),
    })),
    sections: elf.sections.map((s) => ({
      name: s.name,
      type: sectionTypeName(s.type, h.machine),
      flags: sectionFlagNames(s.flags),
      addr: addr(s.addr),
      offset: s.offset,
      size: s.size,
    })),
    notes: {
      gnuBuildId: facts.gnuBuildId ?? null,
      goBuildId: facts.goBuildId ?? null,
      abiTag: facts.abiTag ?? null,
      x86IsaNeeded: facts.properties.x86IsaNeeded,
      features: [...facts.properties.x86Features, ...facts.properties.aarch64Features],
      packageMetadata: facts.packageMetadata ?? null,
    },
    versions: {
      needed: neededVersions(needs),
      defined: defs.flatMap((d) => d.names.slice(0, 1)),
      glibc: highestVersion(needs, "GLIBC"),
      glibcxx: highestVersion(needs, "GLIBCXX"),
      cxxabi: highestVersion(needs, "CXXABI"),
    },
    debug: {
      symtab: debug.symtab,
      dwarf: debug.dwarf,
      dwarfCompressed: debug.dwarfCompressed,
      debuglink: debug.debuglink ?? null,
      stripped: debug.stripped,
      dwarfSections: debug.dwarfSections,
    },
    linkage: await linkageOf(elf),
    warnings: [...elf.warnings],
  };
}
