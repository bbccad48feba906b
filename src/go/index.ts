import type { ElfFile } from "../elf/file.js";
import type { Diagnostics } from "../errors.js";
import { addr } from "../io/view.js";
import { locateBuildInfo, readBuildInfo, type RawBuildInfo } from "./buildinfo.js";
import { CGO_C_SYMBOLS, cgoDisagreement, cgoEvidence, cgoLinked, cgoResolverLinked, cgoSymbolEvidence, type CgoEvidence } from "./cgo.js";
import { goExeFromElf, type GoExe } from "./exe.js";
import { FunctionIndexBuilder, type FunctionNames } from "./functions.js";
import { LinkedNameTable } from "./names.js";
import { parseModuleText, type ModuleInfo } from "./modinfo.js";
import { locatePclntab, readFunctionRefs, readFunctionTable, textStart, type FunctionRefs, type Pclntab } from "./pclntab.js";
import { newBudget, type ScanBudget } from "./scan.js";
import { toModule, type GoEvidence, type GoInfo, type GoVersionSource } from "./types.js";
import { layoutRange, versionFromData, versionFromSymtab } from "./version.js";
import { buildmodeDisagreement } from "./buildmode.js";
import { limits } from "../limits.js";

export type { GoExe, GoSection, GoSegment } from "./exe.js";
export { goExeFromElf } from "./exe.js";
export type { GoInfo, GoEvidence, GoVersionSource, GoModuleInfo } from "./types.js";
export type { CgoEvidence, CgoEvidenceKind, NameLookup } from "./cgo.js";
export type { GoModule, GoSetting, ModuleInfo } from "./modinfo.js";
export { parseModuleText, moduleInfoString } from "./modinfo.js";
export { goVersionM, renderGoVersionM, versionMInput, type VersionMInput, type VersionMOutput } from "./render.js";
export { packageOf, isStandardPackage } from "./packages.js";
export type { PclntabLayout } from "./pclntab-header.js";
export { FunctionIndex, FunctionIndexBuilder, type FunctionNames, type FunctionSink } from "./functions.js";
export { LinkedNameTable } from "./names.js";

export interface AnalyzeGoOptions {
  /**
   * Read pclntab's function names (packages, cgo evidence, `hasFunction`). Default true; false
   * reads only build info, notes and the pclntab header.
   */
  functions?: boolean;
}

/** Section names only the Go linker writes (cmd/link/internal/ld/data.go, elf.go). */
const GO_SECTIONS = [".go.buildinfo", ".gopclntab", ".go.module", ".note.go.buildid", ".gosymtab", ".typelink", ".itablink", ".go.fuzzcntrs"];
/** Without any hint, how much of the data segment may be searched for build info. */
const UNHINTED_SCAN_BYTES = 1024 * 1024;

/** What the scratch verdict asks of a Go binary. */
export interface GoFeatures {
  /** crypto/x509 is linked: TLS clients verify against system roots (/etc/ssl/certs). */
  x509: boolean;
  /** golang.org/x/crypto/x509roots/fallback is linked: roots embedded. */
  x509RootsFallback: boolean;
  /** time.LoadLocation / time.loadLocation are linked: zoneinfo is read from /usr/share/zoneinfo. */
  timezoneLoading: boolean;
  /** time/tzdata is linked: the zoneinfo database is embedded. */
  tzdataEmbedded: boolean;
  /** os/user is linked (reads /etc/passwd, or calls libc with cgo). */
  osUser: boolean;
  /** net's cgo resolver (getaddrinfo through libc) is linked. */
  netCgoResolver: boolean;
  /** The net package is linked. */
  net: boolean;
}

/** The Go facts of one binary, with the function index behind them. */
export class GoAnalysis {
  constructor(
    readonly info: GoInfo,
    /** Undefined when pclntab was not found or not read. */
    readonly functions: FunctionNames | undefined,
  ) {}

  /** False also when the function table could not be read: check `functions` to tell. */
  hasFunction(name: string): boolean {
    return this.functions?.has(name) ?? false;
  }
  hasFunctionPrefix(prefix: string): boolean {
    return this.functions?.hasPrefix(prefix) ?? false;
  }
  hasPackage(path: string): boolean {
    return this.functions?.packages.has(path) ?? false;
  }
  /** The entry address of function `name` (link-time, as `go tool nm` prints), when known. */
  functionEntry(name: string): bigint | undefined {
    return this.functions?.entry(name);
  }

  features(): GoFeatures {
    return {
      x509: this.hasPackage("crypto/x509"),
      x509RootsFallback: this.hasPackage("golang.org/x/crypto/x509roots/fallback"),
      timezoneLoading: this.hasFunction("time.LoadLocation") || this.hasFunction("time.loadLocation"),
      tzdataEmbedded: this.hasPackage("time/tzdata"),
      osUser: this.hasPackage("os/user"),
      netCgoResolver: cgoResolverLinked(this.info.cgoEvidence),
      net: this.hasPackage("net"),
    };
  }
}

/** The `go` part of the report; null only for binaries that are not Go. */
export async function analyzeGo(elf: ElfFile, options: AnalyzeGoOptions = {}): Promise<GoInfo | null> {
  return (await inspectGo(elf, options))?.info ?? null;
}

/** As `analyzeGo`, with the function index for `hasFunction`/`hasPackage`. */
export async function inspectGo(elf: ElfFile, options: AnalyzeGoOptions = {}): Promise<GoAnalysis | null> {
  return inspectGoExe(goExeFromElf(elf), options);
}

/** The whole Go analysis over the narrow `GoExe` view. */
export async function inspectGoExe(exe: GoExe, options: AnalyzeGoOptions = {}): Promise<GoAnalysis | null> {
  const diag = exe.diagnostics;
  const evidence: GoEvidence[] = [];
  // With section headers, Go always leaves its own section names: without one, stop before
  // reading anything, so C binaries cost nothing here.
  if (!sectionHints(exe, evidence) && exe.sections.length > 0) return null;
  const ids = await diag.guardAsync(() => exe.buildIds(), { go: undefined, gnu: undefined });
  if (ids.go !== undefined) evidence.push({ kind: "note", detail: "Go build ID note" });
  const hinted = evidence.length > 0;
  // No hint (no section headers, no Go note): only a small search of the data segment.
  const budget: ScanBudget = hinted ? newBudget() : { left: UNHINTED_SCAN_BYTES };
  const raw = await findBuildInfo(exe, budget, hinted, diag);
  if (raw !== undefined) evidence.push({ kind: "buildinfo", detail: `${raw.format} format, found by ${raw.foundBy} at ${addr(raw.addr)}` });
  if (!hinted && raw === undefined) return null;
  const table = await diag.guardAsync(() => locatePclntab(exe, budget, true), undefined);
  if (table !== undefined) {
    evidence.push({ kind: "pclntab", detail: `${table.header.layout} layout, found by ${table.foundBy} at ${addr(table.addr)}` });
  }
  const functions = options.functions === false || table === undefined ? undefined : await readFunctions(exe, table, diag);
  const info = await describe(exe, raw, table, functions, budget, evidence, ids, diag);
  return new GoAnalysis(info, functions?.index);
}

/** The cheapest sign of Go: its section names. */
function sectionHints(exe: GoExe, evidence: GoEvidence[]): boolean {
  for (const name of GO_SECTIONS) {
    if (exe.sections.some((s) => s.name === name)) evidence.push({ kind: "section", detail: name });
  }
  return evidence.length > 0;
}

async function findBuildInfo(exe: GoExe, budget: ScanBudget, scanAll: boolean, diag: Diagnostics): Promise<RawBuildInfo | undefined> {
  return diag.guardAsync(async () => {
    const at = await locateBuildInfo(exe, budget, scanAll);
    return at === undefined ? undefined : readBuildInfo(exe, at.addr, at.foundBy);
  }, undefined);
}

type Functions = { index: FunctionNames; complete: boolean };

/**
 * The linked functions; a damaged table keeps the functions read before the damage
 * (`complete` false). Go 1.16+ keeps names in a table of their own: it is read whole and the
 * walk of functab and the `_func` records only collects name offsets (`LinkedNameTable`); the
 * 1.2 layout's names are spread through pclntab and are streamed into a `FunctionIndex`.
 */
async function readFunctions(exe: GoExe, table: Pclntab, diag: Diagnostics): Promise<Functions> {
  const h = table.header;
  const text = await diag.guardAsync(() => textStart(exe, table), undefined);
  if (h.funcnameEnd !== undefined && h.funcnameEnd - h.funcnameOff <= limits.maxGoNameTable) {
    const refs: FunctionRefs = { nameOffs: new Uint32Array(h.nfunc), entries: new Float64Array(h.nfunc), count: 0 };
    // A damaged table is reported and keeps what was read before the damage (`refs.count`).
    let complete = await diag.guardAsync(async () => (await readFunctionRefs(exe, table, refs, text), true), false);
    const names = await diag.guardAsync(() => exe.readVirtual(table.addr + BigInt(h.funcnameOff), h.funcnameEnd! - h.funcnameOff), undefined);
    if (names === undefined) refs.count = 0;
    const built = LinkedNameTable.build(names ?? new Uint8Array(0), refs);
    if (built.error !== undefined) {
      complete = false;
      diag.report(built.error);
    }
    return { index: built.index, complete: complete && names !== undefined };
  }
  const builder = new FunctionIndexBuilder(h.nfunc);
  const complete = await diag.guardAsync(async () => (await readFunctionTable(exe, table, builder, text), true), false);
  return { index: builder.finish(), complete };
}

/**
 * cgo evidence from pclntab, and from the C symbols of runtime/cgo in `.dynsym`, then
 * `.symtab` — but only when pclntab could not answer: no function table, or a damaged one.
 * A complete table that lacks runtime/cgo's Go side (`crosscall2`, kept by
 * `//go:cgo_export_static` in src/runtime/cgo/callbacks.go) cannot have its C side either,
 * and reading `.symtab` for nothing costs 5–7% of a pure-Go unstripped binary.
 */
async function allCgoEvidence(exe: GoExe, functions: Functions | undefined, diag: Diagnostics): Promise<CgoEvidence[]> {
  const fromTable = functions === undefined ? [] : cgoEvidence(functions.index);
  if ((functions?.complete ?? false) || cgoLinked(fromTable) || exe.definedSymbols === undefined) return fromTable;
  const found = await diag.guardAsync(() => exe.definedSymbols!(CGO_C_SYMBOLS), []);
  return [...fromTable, ...cgoSymbolEvidence(found)];
}

async function describe(
  exe: GoExe,
  raw: RawBuildInfo | undefined,
  table: Pclntab | undefined,
  functions: Functions | undefined,
  budget: ScanBudget,
  evidence: GoEvidence[],
  ids: { go: string | undefined; gnu: string | undefined },
  diag: Diagnostics,
): Promise<GoInfo> {
  const parsed = raw === undefined || raw.moduleText === "" ? undefined : parseModuleText(raw.moduleText);
  const mod: ModuleInfo = parsed?.info ?? { path: "", main: null, deps: [], settings: [] };
  const version = await goVersion(exe, raw, table, budget, diag);
  if (version.source !== null) evidence.push({ kind: "version", detail: version.source });
  const settings: Record<string, string> = {};
  for (const s of mod.settings) settings[s.key] = s.value;
  const modulePaths = [mod.main?.path ?? "", ...mod.deps.map((d) => d.path), ...mod.deps.map((d) => d.replace?.path ?? "")];
  const index = functions?.index;
  const classes = index?.classify(modulePaths.filter((p) => p !== "" && !p.startsWith("."))) ?? { std: [], thirdParty: [] };
  const cgo = await allCgoEvidence(exe, functions, diag);
  // Known from the function table, or proven by a C symbol of runtime/cgo without one.
  const linked = index !== undefined || cgoLinked(cgo) ? cgoLinked(cgo) : undefined;
  const cgoEnabled = settings["CGO_ENABLED"] ?? null;
  return {
    version: version.version,
    versionSource: version.source,
    path: mod.path === "" ? (raw === undefined ? null : "") : mod.path,
    main: mod.main === null ? null : toModule(mod.main),
    deps: mod.deps.map(toModule),
    settings,
    settingsList: mod.settings,
    cgo: linked ?? (cgoEnabled === null ? null : cgoEnabled === "1"),
    cgoEnabled,
    cgoEvidence: cgo,
    cgoDisagreement: linked === undefined ? null : cgoDisagreement(cgoEnabled ?? undefined, linked),
    buildmodeDisagreement: buildmodeDisagreement(settings["-buildmode"], exe.fileType),
    packages: index === undefined ? [] : [...index.packages].sort(),
    stdPackages: classes.std,
    thirdPartyPackages: classes.thirdParty,
    evidence,
    buildId: { go: ids.go ?? null, gnu: ids.gnu ?? null },
    buildInfo: raw === undefined ? null : {
      addr: addr(raw.addr), foundBy: raw.foundBy, format: raw.format,
      pointerSize: raw.pointerSize, bigEndian: raw.bigEndian, goVersion: raw.goVersion,
    },
    moduleTextError: parsed?.error?.message ?? null,
    pclntab: table === undefined ? null : {
      layout: table.header.layout, versions: layoutRange(table.header.layout), addr: addr(table.addr),
      foundBy: table.foundBy, byteOrder: table.header.little ? "little" : "big",
      quantum: table.header.quantum, pointerSize: table.header.ptrSize, functions: table.header.nfunc,
    },
  };
}

/** The version, from the best evidence available. */
async function goVersion(
  exe: GoExe,
  raw: RawBuildInfo | undefined,
  table: Pclntab | undefined,
  budget: ScanBudget,
  diag: Diagnostics,
): Promise<{ version: string | null; source: GoVersionSource | null }> {
  if (raw !== undefined && raw.goVersion !== "") return { version: raw.goVersion, source: "buildinfo" };
  const fromSymtab = await diag.guardAsync(() => versionFromSymtab(exe), undefined);
  if (fromSymtab !== undefined) return { version: fromSymtab, source: "symtab" };
  const fromData = await diag.guardAsync(() => versionFromData(exe, budget, table?.header.layout), undefined);
  if (fromData !== undefined) return fromData;
  if (table !== undefined) return { version: layoutRange(table.header.layout), source: "pclntab-layout" };
  return { version: null, source: null };
}
