/**
 * Everything the analysis reads from one file, gathered once (async, through the ELF layer's
 * memoized parsers) into a plain object. Every rule after this is a pure function of `Facts`,
 * so rules can be tested with hand-made facts.
 */
import { PT_INTERP, SHN_UNDEF, SHT_ARM_ATTRIBUTES, SHT_NOBITS, EM_ARM, STT_FILE, STT_SECTION } from "../elf/constants.js";
import type { DebugInfo } from "../elf/debug.js";
import type { DynamicInfo } from "../elf/dynamic.js";
import type { ElfFile } from "../elf/file.js";
import type { ElfHeader } from "../elf/header.js";
import type { NoteFacts } from "../elf/notes.js";
import type { Segment } from "../elf/tables.js";
import type { VersionNeed } from "../elf/versions.js";
import type { Warning } from "../errors.js";
import { parseArmAttributes } from "./arm-attributes.js";
import type { Floor } from "./base-images.js";
import type { GoFacts } from "./go-facts.js";
import { CANARY, FORTIFIED_FUNCTIONS, isFortified } from "./hardening.js";
import { RODATA_MARKERS, libcOf, type LibcResult } from "./libc.js";
import { linkageKind, linkedStatically, type LinkageKind } from "./linkage.js";
import { platformOf, type PlatformResult } from "./platform.js";
import { highestVersion } from "./versions.js";

export interface SymbolRef {
  value: bigint;
  /** ".symtab" or ".dynsym". */
  table: string;
  /** File offset of the symbol's bytes (defined symbols mapped by PT_LOAD); undefined otherwise. */
  fileOffset: number | undefined;
}

export interface Facts {
  header: ElfHeader;
  /** File offsets of header fields, for evidence. */
  fieldOffset: { e_type: number; e_machine: number; e_entry: number; e_flags: number; ei_osabi: number; phoff: number; phentsize: number };
  fileSize: number;
  segments: readonly Segment[];
  sectionNames: ReadonlySet<string>;
  interpreter: string | undefined;
  dynamic: DynamicInfo | undefined;
  kind: LinkageKind;
  libc: LibcResult;
  platform: PlatformResult;
  needs: readonly VersionNeed[];
  floor: Floor;
  notes: NoteFacts;
  noteOwners: string[];
  debug: DebugInfo;
  /** Defined functions and objects from `.symtab`, read only when a C library may be inside (static, not pure Go). */
  defined: ReadonlyMap<string, SymbolRef>;
  /** Whether `.symtab` was read into `defined` (it exists and a C library may be inside). */
  symtabRead: boolean;
  /**
   * Names of the undefined dynamic symbols (imports) the rules need: every import outside
   * `DT_GNU_HASH` (nearly all of them) and, for the canary and FORTIFY checks those leave
   * unanswered, the names of that check found in the hash table; for an
   * object file (no `.dynsym`), the undefined `.symtab` entries. Only names: the rules ask
   * whether a few names are imported, which a scan answers for less than a set would cost.
   */
  imported: readonly string[];
  /** Strings found in `.rodata` (libc markers, NSS configuration path). */
  rodataMarkers: ReadonlySet<string>;
  comments: string[];
  go: GoFacts | null;
  warnings: readonly Warning[];
  /** File offset of a virtual address through `PT_LOAD`, for evidence. */
  offsetOf(addr: bigint): number | undefined;
}

/** Strings searched for in `.rodata` besides the libc markers: glibc's NSS reads this file. */
export const NSS_MARKER = "/etc/nsswitch.conf";

const MAX_RODATA_SCAN = 64 * 1024 * 1024;

export async function gatherFacts(elf: ElfFile, go: GoFacts | null): Promise<Facts> {
  const h = elf.header;
  const [interpreter, dynamic, notes, allNotes, needs, debug] = await Promise.all([
    elf.interpreter(), elf.dynamic(), elf.noteFacts(), elf.notes(), elf.versionNeeds(), elf.debugInfo(),
  ]);
  // A C library is inside the file only when it is statically linked (a shared library with
  // no PT_INTERP still gets its libc from DT_NEEDED), and never in pure Go: only
  // then do the defined symbols (libc markers, NSS entry points, __stack_chk_fail) or, once
  // stripping removed those, strings in .rodata tell anything the rules use. Everything else
  // is answered by the imports, so .symtab and .rodata (megabytes in large programs) stay unread.
  const kind = await linkageKind(elf);
  const libcInside = linkedStatically(kind) && !(go !== null && go.cgo === false);
  const comments = await commentStrings(elf);
  const noteOwners = [...new Set(allNotes.map((n) => n.owner))];
  const libcInput = {
    interpreter,
    needed: dynamic?.needed ?? [],
    versionNeeds: needs.map((n) => ({ file: n.file, names: n.versions.map((v) => v.name) })),
    abiTag: notes.abiTag !== undefined,
    noteOwners,
    comments,
  };
  // musl has no NSS, so in a cgo Go program on musl (whose .symtab runs to megabytes) the C
  // symbols would add only the C part's canary and FORTIFY facts: not worth a quarter of the file.
  const cgoOnMusl = (): boolean => go !== null && libcOf({ ...libcInput, definedSymbols: new Set(), rodataMarkers: new Set() }).family === "musl";
  // An object file (no linkage yet) has only .symtab: its undefined entries are its imports.
  const symtabRead = debug.symtab && (kind === null || (libcInside && !cgoOnMusl()));
  const [defined, imported] = await symbolMaps(elf, symtabRead);
  const rodataMarkers = libcInside && !debug.symtab ? await scanRodata(elf) : new Set<string>();
  const armCpuArch = h.machine === EM_ARM ? await armCpuArchOf(elf) : undefined;
  const libc = libcOf({ ...libcInput, definedSymbols: new Set(defined.keys()), rodataMarkers });
  const platform = platformOf({
    machine: h.machine, class: h.class, endian: h.endian, flags: h.flags, osabi: h.osabi, interpreter,
    abiTagOs: notes.abiTag?.split(" ")[0], noteOwners, x86IsaNeeded: notes.properties.x86IsaNeeded, armCpuArch,
    goSettings: go?.settings,
  });
  const e = elf.layout.e;
  return {
    header: h,
    fieldOffset: { e_type: 16, e_machine: 18, e_entry: e.entry, e_flags: e.flags, ei_osabi: 7, phoff: h.phoff, phentsize: h.phentsize },
    fileSize: elf.source.size,
    segments: elf.segments,
    sectionNames: new Set(elf.sections.map((s) => s.name)),
    interpreter,
    dynamic,
    kind,
    libc,
    platform,
    needs,
    floor: {
      glibc: highestVersion(needs, "GLIBC"),
      glibcxx: highestVersion(needs, "GLIBCXX"),
      cxxabi: highestVersion(needs, "CXXABI"),
      needsLibstdcxx: (dynamic?.needed ?? []).some((n) => n.startsWith("libstdc++.so")),
    },
    notes,
    noteOwners,
    debug,
    defined,
    symtabRead,
    imported,
    rodataMarkers,
    comments,
    go,
    warnings: elf.warnings,
    offsetOf: (a) => elf.offsetOf(a),
  };
}

async function symbolMaps(elf: ElfFile, withSymtab: boolean): Promise<[Map<string, SymbolRef>, string[]]> {
  const defined = new Map<string, SymbolRef>();
  const [imports, symtab] = await Promise.all([importNames(elf), withSymtab ? elf.symbols() : []]);
  const imported = imports.filter((n) => n !== "");
  for (const s of symtab) {
    if (s.name === "" || s.type === STT_FILE || s.type === STT_SECTION || defined.has(s.name)) continue;
    if (s.shndx === SHN_UNDEF) {
      if (imports.length === 0) imported.push(s.name);
      continue;
    }
    defined.set(s.name, { value: s.value, table: ".symtab", fileOffset: elf.offsetOf(s.value) });
  }
  return [defined, imported];
}

const CANARY_AND_FORTIFIED = [...CANARY, ...FORTIFIED_FUNCTIONS];

/**
 * The imports the canary and FORTIFY checks need, without reading the exports: the names
 * outside `DT_GNU_HASH` (no versions, no symbol records), and, for a check those have not
 * answered yet, its names looked up in the hash table, where GNU ld puts some imports (a weak
 * one such as `__cxa_finalize`, one whose address is taken). A library's exports are all hashed.
 */
async function importNames(elf: ElfFile): Promise<string[]> {
  const outside = await elf.importedNamesOutsideHash();
  if (outside.complete) return outside.names;
  const canary = outside.names.some((n) => CANARY.includes(n));
  const fortify = outside.names.some(isFortified);
  // Constant lists: the ELF layer hashes each list once, not once a file.
  const ask = canary ? (fortify ? [] : FORTIFIED_FUNCTIONS) : fortify ? CANARY : CANARY_AND_FORTIFIED;
  if (ask.length === 0) return outside.names;
  const hashed = await elf.hashedSymbols(ask);
  return [...outside.names, ...hashed.filter((s) => s.shndx === SHN_UNDEF).map((s) => s.name)];
}

async function commentStrings(elf: ElfFile): Promise<string[]> {
  const sec = elf.sectionByName(".comment");
  if (sec === undefined) return [];
  return elf.diagnostics.guardAsync(async () => {
    const v = await elf.readSection(sec, 64 * 1024);
    const text = new TextDecoder().decode(v.bytes);
    return [...new Set(text.split("\0").map((s) => s.trim()).filter((s) => s !== ""))].slice(0, 16);
  }, []);
}

/**
 * Looks for the marker strings in `.rodata` (of a stripped static binary), chunk by chunk,
 * comparing bytes: no string is built from the section.
 */
async function scanRodata(elf: ElfFile): Promise<Set<string>> {
  const found = new Set<string>();
  const sec = elf.sectionByName(".rodata");
  if (sec === undefined || sec.size === 0 || sec.type === SHT_NOBITS) return found;
  const markers = [...RODATA_MARKERS.map(([m]) => m), NSS_MARKER].map((m) => ({ text: m, bytes: new TextEncoder().encode(m) }));
  const overlap = Math.max(...markers.map((m) => m.bytes.length)) - 1;
  const size = Math.min(sec.size, MAX_RODATA_SCAN);
  return elf.diagnostics.guardAsync(async () => {
    // One buffer for every chunk (the source's `into`): nothing here keeps a view of one.
    let own: Uint8Array | undefined;
    for (let at = 0; at < size && found.size < markers.length; at += CHUNK) {
      const len = Math.min(CHUNK + overlap, size - at);
      own ??= new Uint8Array(Math.min(CHUNK + overlap, size));
      const chunk = await elf.source.read(sec.offset + at, len, own);
      for (const m of markers) if (!found.has(m.text) && indexOfBytes(chunk, m.bytes) >= 0) found.add(m.text);
    }
    return found;
  }, found);
}

const CHUNK = 1024 * 1024;

/** First index of `needle` in `hay`: `indexOf` finds candidates for the first byte natively. */
export function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  if (first === undefined) return 0;
  for (let i = hay.indexOf(first); i >= 0 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

async function armCpuArchOf(elf: ElfFile): Promise<number | undefined> {
  const sec = elf.sections.find((s) => s.type === SHT_ARM_ATTRIBUTES);
  if (sec === undefined) return undefined;
  return elf.diagnostics.guardAsync(async () => parseArmAttributes(await elf.readSection(sec, 64 * 1024)).cpuArch, undefined);
}

/** Whether the file has a `PT_INTERP` segment (even when its text cannot be read). */
export function hasInterpSegment(f: Facts): boolean {
  return f.segments.some((s) => s.type === PT_INTERP);
}
