import type { CgoEvidence } from "./cgo.js";
import type { GoModule, GoSetting } from "./modinfo.js";
import type { PclntabLayout } from "./pclntab-header.js";

/** One fact that proved the file is Go, or gave its version. */
export interface GoEvidence {
  kind:
    | "section" // a Go section name (.gopclntab, .go.buildinfo, …)
    | "note" // the Go build ID note
    | "buildinfo" // the build info blob
    | "pclntab" // the function table
    | "version"; // where the version came from
  detail: string;
}

/** Where `GoInfo.version` came from, best first. */
export type GoVersionSource = "buildinfo" | "symtab" | "string-header" | "rodata-scan" | "pclntab-layout";

/**
 * The `go` part of the JSON report (DESIGN.md contract v1: version, path, main, deps,
 * settings, cgo, packages), plus what elfscope found on the way.
 */
export interface GoInfo {
  /** "go1.22.3"; for `pclntab-layout` a range such as ">=go1.20"; null when unknown. */
  version: string | null;
  versionSource: GoVersionSource | null;
  path: string | null;
  /** The main module; `replace` is always null from cmd/go, kept for exact round trips. */
  main: GoModuleInfo | null;
  deps: GoModuleInfo[];
  /** Build settings as a map (a repeated key keeps its last value). */
  settings: Record<string, string>;
  /** Build settings in file order, duplicates kept. */
  settingsList: GoSetting[];
  /** cgo really linked (from functions); the CGO_ENABLED setting when no function table; null: unknown. */
  cgo: boolean | null;
  /** The CGO_ENABLED build setting, verbatim. */
  cgoEnabled: string | null;
  cgoEvidence: CgoEvidence[];
  /** Set when CGO_ENABLED and the linked code disagree. */
  cgoDisagreement: string | null;
  /** Set when the `-buildmode` build setting and the ELF type disagree (`pie` on an `ET_EXEC`). */
  buildmodeDisagreement: string | null;
  /** Every package with linked functions, sorted. */
  packages: string[];
  stdPackages: string[];
  thirdPartyPackages: string[];
  evidence: GoEvidence[];
  buildId: { go: string | null; gnu: string | null };
  buildInfo: {
    addr: string;
    foundBy: "section" | "data-segment" | "scan";
    format: "inline" | "pointer";
    pointerSize: number;
    bigEndian: boolean;
    /** runtime.buildVersion as the build info records it. */
    goVersion: string;
  } | null;
  /** `debug.ParseBuildInfo`'s complaint about the module text, when it had one. */
  moduleTextError: string | null;
  pclntab: {
    layout: PclntabLayout;
    /** The Go versions that write this layout: "go1.18..go1.19", ">=go1.20". */
    versions: string;
    addr: string;
    foundBy: "section" | "moduledata" | "scan";
    byteOrder: "little" | "big";
    quantum: number;
    pointerSize: number;
    /** nfunc from the header. */
    functions: number;
  } | null;
}

export interface GoModuleInfo {
  path: string;
  version: string;
  sum: string;
  replace: { path: string; version: string; sum: string } | null;
}

export function toModule(m: GoModule): GoModuleInfo {
  return {
    path: m.path,
    version: m.version,
    sum: m.sum,
    replace: m.replace === null ? null : { path: m.replace.path, version: m.replace.version, sum: m.replace.sum },
  };
}

export function fromModule(m: GoModuleInfo): GoModule {
  return { path: m.path, version: m.version, sum: m.sum, replace: m.replace === null ? null : { ...m.replace, replace: null } };
}
