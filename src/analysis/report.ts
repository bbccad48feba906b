import type { Warning } from "../errors.js";
import {
  dynamicFlagNames, dynamicFlags1Names, machineName, osabiName, sectionFlagNames, sectionTypeName,
  segmentFlagNames, segmentTypeName, SHT_DYNSYM, SHT_GNU_HASH, SHT_GNU_verdef, SHT_GNU_verneed, SHT_NOBITS, typeName,
} from "../elf/constants.js";
import type { ElfFile } from "../elf/file.js";
import type { Section } from "../elf/tables.js";
import { addr } from "../io/view.js";
import { inspectGo } from "../go/index.js";
import { gatherFacts, type Facts } from "./facts.js";
import { goFactsFrom } from "./go-adapter.js";
import { findingsFor, type Finding } from "./findings.js";
import type { GoFacts } from "./go-facts.js";
import { hardeningOf, type Hardening } from "./hardening.js";
import type { Linkage } from "./linkage.js";
import { formatPlatform, parsePlatform, type Platform } from "./platform.js";
import { recommendBase, verdictOf, type Verdict } from "./verdict.js";
import { neededVersions } from "./versions.js";

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
  /** The OCI platform the binary is built for ("linux/arm/v7"); null when it has no OCI name. */
  platform: string | null;
  linkage: Linkage;
  hardening: Hardening;
  go: unknown;
  scratch: Scratch;
  warnings: Warning[];
}

/** Will it start in an empty `FROM scratch` image on `platform`? */
export interface Scratch {
  verdict: Verdict;
  /** The target platform judged against. */
  platform: string;
  findings: Finding[];
  /** The smallest image that runs the binary as is; null when none would. */
  base: string | null;
  baseReason: string;
  /** Every image of the base-image table that meets the glibc/libstdc++ floor. */
  compatibleImages: string[];
  /** The change that would make it run on scratch; null when it already does. */
  scratchReady: string | null;
}

export interface ReportOptions {
  /** Shown as `path` in the report. */
  path?: string;
  /** Target platform for the scratch verdict, "linux/amd64" (the default), "linux/arm64", "linux/arm/v7"… */
  platform?: string;
}

export const DEFAULT_PLATFORM = "linux/amd64";

/** Parses the target platform option; a malformed one is a programming error (TypeError). */
export function targetPlatform(text: string | undefined): Platform {
  const p = parsePlatform(text ?? DEFAULT_PLATFORM);
  if (p === undefined) throw new TypeError(`Invalid platform "${text}": expected os/arch[/variant], e.g. linux/arm64`);
  return p;
}

/**
 * The small tables every report reads, to be fetched whole in as few reads as their layout
 * allows (`ElfFile.prefetch`): linkers put `.gnu.hash`, `.dynsym`, `.dynstr` and the version
 * records side by side after the program headers. Larger ones are left to the lazy reads, which
 * take only what is asked of them (a library's imports, not its exports).
 */
function smallTables(elf: ElfFile): { offset: number; length: number }[] {
  const first = (type: number): Section | undefined => elf.sections.find((s) => s.type === type);
  const dynsym = first(SHT_DYNSYM);
  // One of each (a file may claim thousands of sections): at most 40 KiB in all.
  const wanted: [Section | undefined, number][] = [
    [dynsym, 16 * 1024],
    [dynsym === undefined ? undefined : elf.sections[dynsym.link], 8 * 1024],
    [first(SHT_GNU_HASH), 4 * 1024],
    [first(SHT_GNU_verneed), 4 * 1024],
    [first(SHT_GNU_verdef), 4 * 1024],
    [elf.sectionByName(".comment"), 4 * 1024],
  ];
  return wanted.filter(([s, max]) => s !== undefined && s.type !== SHT_NOBITS && s.size <= max).map(([s]) => ({ offset: s!.offset, length: s!.size }));
}

/** The format-level part of the report: what readelf would tell, in contract form. */
export async function elfReport(elf: ElfFile, options: ReportOptions = {}): Promise<Report> {
  const target = targetPlatform(options.platform);
  await elf.prefetch(smallTables(elf));
  const analysis = await inspectGo(elf);
  const go: GoFacts | null = analysis === null ? null : goFactsFrom(analysis);
  const h = elf.header;
  const f = await gatherFacts(elf, go);
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
      glibc: f.floor.glibc,
      glibcxx: f.floor.glibcxx,
      cxxabi: f.floor.cxxabi,
    },
    debug: {
      symtab: debug.symtab,
      dwarf: debug.dwarf,
      dwarfCompressed: debug.dwarfCompressed,
      debuglink: debug.debuglink ?? null,
      stripped: debug.stripped,
      dwarfSections: debug.dwarfSections,
    },
    platform: f.platform.platform === null ? null : formatPlatform(f.platform.platform),
    linkage: { kind: f.kind, libc: f.libc.family, libcEvidence: f.libc.evidence },
    hardening: hardeningOf(f),
    go: go?.json ?? null,
    scratch: scratchOf(f, target),
    warnings: [...elf.warnings],
  };
}

export function scratchOf(f: Facts, target: Platform): Scratch {
  const findings = findingsFor(f, target);
  const base = recommendBase(f, findings);
  return {
    verdict: verdictOf(findings),
    platform: formatPlatform(target),
    findings,
    base: base.base,
    baseReason: base.reason,
    compatibleImages: base.compatible,
    scratchReady: base.scratchReady,
  };
}
