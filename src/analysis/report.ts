import type { Warning } from "../errors.js";
import {
  dynamicFlagNames, dynamicFlags1Names, machineName, osabiName, sectionFlagNames, sectionTypeName,
  segmentFlagNames, segmentTypeName, typeName,
} from "../elf/constants.js";
import type { ElfFile } from "../elf/file.js";
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

/** The format-level part of the report: what readelf would tell, in contract form. */
export async function elfReport(elf: ElfFile, options: ReportOptions = {}): Promise<Report> {
  const target = targetPlatform(options.platform);
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
