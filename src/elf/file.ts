import { Diagnostics, ElfError, type Warning } from "../errors.js";
import { withCache } from "../io/cache.js";
import { checkRange, type ByteSource } from "../io/source.js";
import { ByteView } from "../io/view.js";
import { limits } from "../limits.js";
import { addressMap, lookup, type Mapping } from "./address.js";
import {
  DT_GNU_HASH, DT_HASH, DT_SYMTAB, DT_VERDEF, DT_VERDEFNUM, DT_VERNEED, DT_VERNEEDNUM, DT_VERSYM,
  PT_DYNAMIC, PT_INTERP, PT_NOTE, SHT_DYNAMIC, SHT_DYNSYM, SHT_GNU_verdef, SHT_GNU_verneed, SHT_GNU_versym, SHT_NOBITS,
  SHN_UNDEF, SHT_NOTE, SHT_SYMTAB,
} from "./constants.js";
import { debugFacts, type DebugInfo } from "./debug.js";
import { describeDynamic, firstValue, parseDynamicEntries, stringOffsets, stringTableRef, type DynamicInfo } from "./dynamic.js";
import { MAX_EHDR, parseHeader, type ElfHeader } from "./header.js";
import type { Layout } from "./layout.js";
import { noteAlignment, noteFacts, parseNotes, type Note, type NoteFacts } from "./notes.js";
import { countFromGnuHash, countFromHash, parseSymbols, symbolNameOffsets, symbolNames, type ElfSymbol } from "./symbols.js";
import { LazyStrings } from "./strings.js";
import { readSections, readSegments, resolveCounts, type Counts, type Section, type Segment } from "./tables.js";
import { chainExtent, VERDEF_SHAPE, VERNEED_SHAPE } from "./version-extent.js";
import { parseVersionDefs, parseVersionNeeds, versionNames, type VersionDef, type VersionNeed } from "./versions.js";

/** Version tables are read up to this size (they are a few hundred bytes in practice). */
const MAX_VERSION_TABLE = 1024 * 1024;

/** Imports are the undefined symbols (gABI: `SHN_UNDEF`). */
const isImport = (shndx: number): boolean => shndx === SHN_UNDEF;

export interface OpenOptions {
  /** Throw at the first malformed structure instead of recording warnings. Default false. */
  strict?: boolean;
  /** Put a block cache in front of the source. Default: on, except for in-memory bytes. */
  cache?: boolean;
}

/** Bytes read on open. */
const HEAD_BYTES = 1024;
/** Read-ahead hints larger than this are not worth a speculative read. */
const READ_AHEAD_MAX = 64 * 1024;
/** Bytes before the section header table read with it: `.shstrtab` and `.gnu_debuglink` usually sit there. */
const BEFORE_SHDRS = 512;

/**
 * The section header table and what usually precedes it, when small. Only a hint: the table
 * readers check every range themselves.
 */
function tailRange(h: ElfHeader, layout: Layout, size: number): { offset: number; length: number } | undefined {
  if (h.shoff === 0 || h.shoff >= size) return undefined;
  const count = h.shnum === 0 ? 1 : h.shnum;
  const start = Math.max(0, h.shoff - BEFORE_SHDRS);
  const end = Math.min(size, h.shoff + count * Math.max(h.shentsize, layout.sh.size));
  return end - start <= READ_AHEAD_MAX ? { offset: start, length: end - start } : undefined;
}

/** Starts a read whose bytes later reads will find in the cache; its failure is theirs to see. */
function readAhead(src: ByteSource, r: { offset: number; length: number } | undefined): void {
  if (r === undefined || r.length <= 0 || !(r.offset >= 0 && r.length <= src.size - r.offset)) return;
  src.read(r.offset, r.length).catch(() => undefined);
}

/**
 * An opened ELF file. The header, program headers and section headers are parsed on open;
 * everything else is parsed on first use and memoized (Go's `dynamicVersions` guard, the
 * `object` crate's lazily built tables).
 */
export class ElfFile {
  private readonly memo = new Map<string, Promise<unknown>>();
  private mapCache: Mapping[] | undefined;

  private constructor(
    readonly source: ByteSource,
    readonly header: ElfHeader,
    readonly layout: Layout,
    /** Counts after extended numbering. */
    readonly counts: Counts,
    readonly segments: readonly Segment[],
    readonly sections: readonly Section[],
    readonly diagnostics: Diagnostics,
  ) {}

  static async open(source: ByteSource, options: OpenOptions = {}): Promise<ElfFile> {
    const diag = new Diagnostics(!options.strict);
    const cached = options.cache !== false;
    const src = cached ? withCache(source) : source;
    // One read for the header and, in nearly every file, the program headers, PT_INTERP and
    // the notes that follow them.
    const first = await src.read(0, Math.min(cached ? HEAD_BYTES : MAX_EHDR, src.size));
    const { header, layout } = parseHeader(first);
    if (cached) readAhead(src, tailRange(header, layout, src.size));
    const counts = await resolveCounts(src, header, layout, diag);
    const segments = await diag.guardAsync(() => readSegments(src, header, layout, counts.phnum, diag), []);
    // The dynamic table is wanted by nearly every question: fetch it while sections load.
    const dyn = segments.find((s) => s.type === PT_DYNAMIC);
    if (cached && dyn !== undefined) readAhead(src, { offset: dyn.offset, length: Math.min(dyn.filesz, READ_AHEAD_MAX) });
    const sections = await diag.guardAsync(() => readSections(src, header, layout, counts, diag), []);
    return new ElfFile(src, header, layout, counts, segments, sections, diag);
  }

  get warnings(): readonly Warning[] {
    return this.diagnostics.warnings;
  }
  get little(): boolean {
    return this.header.endian === "little";
  }
  get wide(): boolean {
    return this.layout.wide;
  }
  /** Size of an address (and a Go pointer) in bytes. */
  get pointerSize(): 4 | 8 {
    return this.layout.wide ? 8 : 4;
  }

  private once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (p === undefined) {
      p = fn();
      this.memo.set(key, p);
    }
    return p;
  }

  /** `PT_LOAD` mappings, sorted by address. */
  get addressMap(): readonly Mapping[] {
    return (this.mapCache ??= addressMap(this.segments, this.source.size, (s) =>
      this.diagnostics.report(new ElfError("TRUNCATED", "PT_LOAD segment extends past the end of the file", s.offset, s.filesz)),
    ));
  }

  /** File offset of a virtual address, through `PT_LOAD`; undefined when not file-backed. */
  offsetOf(addr: bigint): number | undefined {
    return lookup(this.addressMap, addr)?.offset;
  }

  /** `length` bytes at file `offset`, as an endian view. */
  async view(offset: number, length: number): Promise<ByteView> {
    return new ByteView(await this.source.read(offset, length), this.little, offset);
  }

  /**
   * The narrow "read by virtual address" function higher layers use (Go `debug/buildinfo`'s
   * `exe.ReadData`). Throws `BAD_ADDRESS` when the range is not file-backed in one mapping.
   * `into`: see `ByteSource.read`.
   */
  async readVirtual(addr: bigint, length: number, into?: Uint8Array): Promise<Uint8Array> {
    const hit = lookup(this.addressMap, addr);
    if (hit === undefined || length > hit.available) {
      throw new ElfError("BAD_ADDRESS", "Address not mapped by any PT_LOAD segment", undefined, addr);
    }
    return this.source.read(hit.offset, length, into);
  }

  /** From `addr` to the end of its mapping, at most `max` bytes. */
  async viewMapped(addr: bigint, max: number): Promise<ByteView> {
    const hit = lookup(this.addressMap, addr);
    if (hit === undefined) throw new ElfError("BAD_ADDRESS", "Address not mapped by any PT_LOAD segment", undefined, addr);
    return this.view(hit.offset, Math.min(hit.available, max));
  }

  sectionByName(name: string): Section | undefined {
    return this.sections.find((s) => s.name === name);
  }

  /** A section's bytes (empty for `SHT_NOBITS`), capped by `limits.maxTableBytes`. */
  async readSection(s: Section, max: number = limits.maxTableBytes): Promise<ByteView> {
    if (s.type === SHT_NOBITS) return new ByteView(new Uint8Array(0), this.little, s.offset);
    if (s.size > max) throw new ElfError("LIMIT_EXCEEDED", "Section too large to read", s.offset, s.size);
    return this.view(s.offset, s.size);
  }

  /** `PT_INTERP`: the program interpreter path, or undefined when there is none. */
  interpreter(): Promise<string | undefined> {
    return this.once("interp", () =>
      this.diagnostics.guardAsync(async () => {
        const seg = this.segments.find((s) => s.type === PT_INTERP);
        if (seg === undefined) return undefined;
        const v = await this.view(seg.offset, Math.min(seg.filesz, limits.maxStringLength));
        const nul = v.bytes.indexOf(0);
        return new TextDecoder().decode(nul >= 0 ? v.bytes.subarray(0, nul) : v.bytes);
      }, undefined),
    );
  }

  /**
   * The dynamic section, found from `PT_DYNAMIC` (or `SHT_DYNAMIC` when there is no such
   * segment), with its strings reached through `DT_STRTAB` and the `PT_LOAD` map, so it works
   * with section headers stripped. Undefined for static files.
   */
  dynamic(): Promise<DynamicInfo | undefined> {
    return this.once("dynamic", () =>
      this.diagnostics.guardAsync(async () => {
        const table = await this.dynamicTable();
        if (table === undefined) return undefined;
        const entries = parseDynamicEntries(table, this.layout, this.diagnostics);
        const strings = await this.lazyStrings(await this.dynamicStringsAt(entries));
        await strings?.load(stringOffsets(entries));
        return describeDynamic(entries, strings, this.diagnostics);
      }, undefined),
    );
  }

  private async dynamicTable(): Promise<ByteView | undefined> {
    const seg = this.segments.find((s) => s.type === PT_DYNAMIC);
    if (seg !== undefined) {
      const size = Math.min(seg.filesz, limits.maxDynamicEntries * this.layout.dyn.size);
      if (seg.offset <= this.source.size && size <= this.source.size - seg.offset) return this.view(seg.offset, size);
      // p_offset is damaged: the loader only uses p_vaddr, so try that.
      return this.viewMapped(seg.vaddr, size);
    }
    const sec = this.sections.find((s) => s.type === SHT_DYNAMIC);
    return sec === undefined ? undefined : this.readSection(sec, limits.maxDynamicEntries * this.layout.dyn.size);
  }

  /**
   * Where `.dynstr` is (file offset and size): `DT_STRTAB` through the address map, else the
   * dynamic section header's `sh_link`. Nothing is read here.
   */
  private dynamicStringsAt(entries: DynamicInfo["entries"]): { offset: number; size: number } | undefined {
    const ref = stringTableRef(entries);
    const hit = ref === undefined ? undefined : lookup(this.addressMap, ref.addr);
    if (ref !== undefined && hit !== undefined) {
      let size = Math.min(hit.available, limits.maxTableBytes);
      if (ref.size !== undefined && ref.size < BigInt(size)) size = Number(ref.size);
      return { offset: hit.offset, size };
    }
    // Without a mappable DT_STRTAB, the dynamic section header's sh_link still names .dynstr.
    const dyn = this.sections.find((s) => s.type === SHT_DYNAMIC);
    const linked = dyn === undefined ? undefined : this.sections[dyn.link];
    if (ref !== undefined) {
      this.diagnostics.report(new ElfError("BAD_ADDRESS", "DT_STRTAB not mapped by any PT_LOAD segment", undefined, ref.addr));
    }
    if (linked === undefined || linked.index === 0) return undefined;
    if (linked.type === SHT_NOBITS) return { offset: linked.offset, size: 0 };
    if (linked.size > limits.maxTableBytes) throw new ElfError("LIMIT_EXCEEDED", "Section too large to read", linked.offset, linked.size);
    checkRange(this.source.size, linked.offset, linked.size);
    return { offset: linked.offset, size: linked.size };
  }

  /** A string table of which only the strings asked for will be read. */
  private async lazyStrings(at: { offset: number; size: number } | undefined): Promise<LazyStrings | undefined> {
    if (at === undefined) return undefined;
    return new LazyStrings((o, n) => this.source.read(o, n), at.offset, at.size, this.little, limits.maxStringLength);
  }

  /** Every note, from `PT_NOTE` segments and `SHT_NOTE` sections, once each, by file offset. */
  notes(): Promise<Note[]> {
    return this.once("notes", async () => {
      const ranges: { offset: number; size: number; align: bigint }[] = [];
      for (const s of this.segments) if (s.type === PT_NOTE) ranges.push({ offset: s.offset, size: s.filesz, align: s.align });
      for (const s of this.sections) if (s.type === SHT_NOTE) ranges.push({ offset: s.offset, size: s.size, align: s.addralign });
      const byOffset = new Map<number, Note>();
      const budget = { left: limits.maxNotes };
      for (const r of ranges) {
        await this.diagnostics.guardAsync(async () => {
          const align = noteAlignment(r.align, r.offset, this.diagnostics);
          const v = await this.view(r.offset, Math.min(r.size, limits.maxTableBytes));
          for (const n of parseNotes(v, align, this.diagnostics, budget)) if (!byOffset.has(n.offset)) byOffset.set(n.offset, n);
        }, undefined);
      }
      return [...byOffset.values()].sort((a, b) => a.offset - b.offset);
    });
  }

  noteFacts(): Promise<NoteFacts> {
    return this.once("noteFacts", async () => noteFacts(await this.notes(), this.little, this.wide, this.diagnostics));
  }

  /** `DT_VERNEED` records (through the address map), else the `SHT_GNU_verneed` section. */
  versionNeeds(): Promise<VersionNeed[]> {
    return this.once("verneed", () =>
      this.versionTable(DT_VERNEED, DT_VERNEEDNUM, SHT_GNU_verneed, parseVersionNeeds),
    );
  }

  versionDefs(): Promise<VersionDef[]> {
    return this.once("verdef", () =>
      this.versionTable(DT_VERDEF, DT_VERDEFNUM, SHT_GNU_verdef, parseVersionDefs),
    );
  }

  private async versionTable<T>(
    tagAddr: number,
    tagNum: number,
    sectionType: number,
    parse: (v: ByteView, count: number, str: (o: number) => string, diag: Diagnostics) => T[],
  ): Promise<T[]> {
    return this.diagnostics.guardAsync(async () => {
      const dyn = await this.dynamic();
      const addr = dyn === undefined ? undefined : firstValue(dyn.entries, tagAddr);
      const num = dyn === undefined ? undefined : firstValue(dyn.entries, tagNum);
      let table: ByteView;
      let count: number;
      if (addr !== undefined && num !== undefined && lookup(this.addressMap, addr) !== undefined) {
        count = Number(num > 65_536n ? 65_536n : num);
        // The section header, when there is one for this address, gives the exact size.
        const sec = this.sections.find((s) => s.type === sectionType && s.addr === addr && s.size > 0);
        table = sec !== undefined ? await this.viewMapped(addr, Math.min(sec.size, MAX_VERSION_TABLE)) : await this.versionRecords(addr, count, sectionType);
      } else {
        const sec = this.sections.find((s) => s.type === sectionType);
        if (sec === undefined) return [];
        count = sec.info;
        table = await this.readSection(sec, MAX_VERSION_TABLE);
      }
      // Parse once for the string offsets (no warnings: the real parse below reports), read
      // just those strings, then parse for real.
      const offsets: number[] = [];
      parse(table, count, (o) => (offsets.push(o), ""), new Diagnostics(true));
      const strings = await this.versionStrings();
      await strings?.load(offsets);
      const str = (o: number): string => {
        if (strings === undefined) throw new ElfError("BAD_STRING", "No dynamic string table", undefined, o);
        return strings.cstring(o, limits.maxStringLength);
      };
      return parse(table, count, str, this.diagnostics);
    }, []);
  }

  /**
   * Version records through the address map when no section header gives their size: read a
   * small window, and a larger one only when the chain walks out of it.
   */
  private async versionRecords(addr: bigint, count: number, sectionType: number): Promise<ByteView> {
    const shape = sectionType === SHT_GNU_verdef ? VERDEF_SHAPE : VERNEED_SHAPE;
    let size = 512;
    for (;;) {
      const v = await this.viewMapped(addr, Math.min(size, MAX_VERSION_TABLE));
      const need = chainExtent(v, count, shape);
      if (need <= v.length || v.length < Math.min(size, MAX_VERSION_TABLE) || size >= MAX_VERSION_TABLE) return v;
      size = Math.max(need, size * 2);
    }
  }

  /** `.dynstr` located once (its warning reported once) for every consumer but `dynamic()`. */
  private dynstrAt(): Promise<{ offset: number; size: number } | undefined> {
    return this.once("dynstrAt", async () => {
      const dyn = await this.dynamic();
      return dyn === undefined ? undefined : this.dynamicStringsAt(dyn.entries);
    });
  }

  private versionStrings(): Promise<LazyStrings | undefined> {
    return this.once("dynstrLazy", async () => this.lazyStrings(await this.dynstrAt()));
  }

  /** The whole `.dynstr` (dynamic symbols need most of it). */
  private stringsForVersions(): Promise<ByteView | undefined> {
    return this.once("dynstr", async () => {
      const at = await this.dynstrAt();
      return at === undefined ? undefined : this.view(at.offset, at.size);
    });
  }

  /**
   * Dynamic symbols with their versions. The count comes from `.dynsym`'s size when section
   * headers exist, else from `DT_HASH`'s nchain or a walk of `DT_GNU_HASH`.
   */
  dynamicSymbols(): Promise<ElfSymbol[]> {
    return this.once("dynsym", () =>
      this.diagnostics.guardAsync(async () => {
        const t = await this.dynsymTable();
        if (t === undefined) return [];
        const syms = parseSymbols(t.table, this.layout, t.count, await this.stringsForVersions(), this.diagnostics);
        // Versions are extra: a broken DT_VERSYM must not cost the symbols already read.
        await this.diagnostics.guardAsync(() => this.attachVersions(syms, t.entries), undefined);
        return syms;
      }, []),
    );
  }

  /**
   * The undefined dynamic symbols (what the file imports: `__stack_chk_fail@GLIBC_2.4`…), with
   * versions. Only their names are read from `.dynstr`, which for a library exporting
   * thousands of symbols is a small part of it.
   */
  importedSymbols(): Promise<ElfSymbol[]> {
    return this.once("imports", () =>
      this.diagnostics.guardAsync(async () => {
        const t = await this.importTable();
        if (t === undefined) return [];
        const syms = parseSymbols(t.table, this.layout, t.count, t.strings, this.diagnostics, isImport).filter((s) => s.index !== 0);
        await this.diagnostics.guardAsync(() => this.attachVersions(syms, t.entries), undefined);
        return syms;
      }, []),
    );
  }

  /**
   * The names of `importedSymbols()`, in the same order, without versions or symbol records:
   * enough for "is `__stack_chk_fail` imported" (checksec's canary and FORTIFY checks), and
   * without `.gnu.version`, the version tables and a 64-bit value per symbol, half the cost.
   */
  importedNames(): Promise<string[]> {
    return this.once("importNames", () =>
      this.diagnostics.guardAsync(async () => {
        const t = await this.importTable();
        return t === undefined ? [] : symbolNames(t.table, this.layout, t.count, t.strings, this.diagnostics, isImport);
      }, []),
    );
  }

  /** `.dynsym` with the `.dynstr` names of its imports loaded. */
  private importTable(): Promise<{ table: ByteView; count: number; entries: DynamicInfo["entries"] | undefined; strings: LazyStrings | undefined } | undefined> {
    return this.once("importTable", async () => {
      const t = await this.dynsymTable();
      if (t === undefined) return undefined;
      const strings = await this.versionStrings();
      await strings?.load(symbolNameOffsets(t.table, this.layout, t.count, isImport));
      return { ...t, strings };
    });
  }

  /** The `.dynsym` entries: the section when there is one, else `DT_SYMTAB` sized by the hash table. */
  private dynsymTable(): Promise<{ table: ByteView; count: number; entries: DynamicInfo["entries"] | undefined } | undefined> {
    return this.once("dynsymTable", async () => {
      const dyn = await this.dynamic();
      const symtab = dyn === undefined ? undefined : firstValue(dyn.entries, DT_SYMTAB);
      const sec = this.sections.find((s) => s.type === SHT_DYNSYM);
      const entsize = this.layout.sym.size;
      if (sec !== undefined && sec.size > 0) {
        return { table: await this.readSection(sec), count: Math.floor(sec.size / entsize), entries: dyn?.entries };
      }
      if (symtab === undefined || dyn === undefined) return undefined;
      const count = await this.symbolCountFromHash(dyn.entries);
      return { table: await this.viewMapped(symtab, Math.min(count * entsize, limits.maxTableBytes)), count, entries: dyn.entries };
    });
  }

  private async symbolCountFromHash(entries: DynamicInfo["entries"]): Promise<number> {
    const gnu = firstValue(entries, DT_GNU_HASH);
    if (gnu !== undefined) return countFromGnuHash(await this.viewMapped(gnu, limits.maxTableBytes), this.wide);
    const hash = firstValue(entries, DT_HASH);
    if (hash !== undefined) return countFromHash(await this.viewMapped(hash, 8));
    return 0;
  }

  private async attachVersions(syms: ElfSymbol[], entries: DynamicInfo["entries"] | undefined): Promise<void> {
    if (syms.length === 0) return;
    const v = await this.versymTable(entries, (syms[syms.length - 1]!.index + 1) * 2);
    if (v === undefined) return;
    const names = versionNames(await this.versionNeeds(), await this.versionDefs());
    for (const sym of syms) {
      if (2 * sym.index + 2 > v.length) break;
      const raw = v.u16(sym.index * 2);
      const ver = names.get(raw & 0x7fff);
      if (ver !== undefined && (raw & 0x7fff) > 1) {
        sym.version = ver.name;
        if (raw & 0x8000) sym.hidden = true;
      }
    }
  }

  /**
   * `.gnu.version`: through `DT_VERSYM` and the address map (section headers may be gone), else
   * the `SHT_GNU_versym` section, as `versionTable` does for the need and definition tables.
   */
  private async versymTable(entries: DynamicInfo["entries"] | undefined, max: number): Promise<ByteView | undefined> {
    const addr = entries === undefined ? undefined : firstValue(entries, DT_VERSYM);
    if (addr !== undefined && lookup(this.addressMap, addr) !== undefined) return this.viewMapped(addr, max);
    const sec = this.sections.find((s) => s.type === SHT_GNU_versym);
    if (sec !== undefined) return this.view(sec.offset, Math.min(sec.size, max));
    if (addr !== undefined) throw new ElfError("BAD_ADDRESS", "DT_VERSYM not mapped by any PT_LOAD segment", undefined, addr);
    return undefined;
  }

  /** `.symtab`, read whole on first use (it can be megabytes in Go binaries). */
  symbols(): Promise<ElfSymbol[]> {
    return this.once("symtab", () =>
      this.diagnostics.guardAsync(async () => {
        const sec = this.sections.find((s) => s.type === SHT_SYMTAB);
        if (sec === undefined) return [];
        if (sec.entsize !== 0 && sec.entsize < this.layout.sym.size) {
          throw new ElfError("BAD_SYMBOL_TABLE", "Invalid symbol table entry size", sec.offset, sec.entsize);
        }
        const table = await this.readSection(sec);
        const strSec = this.sections[sec.link];
        const strings = strSec === undefined || strSec.index === 0 || strSec === sec ? undefined : await this.readSection(strSec);
        if (strings === undefined) this.diagnostics.report(new ElfError("BAD_SECTION_INDEX", "Invalid symbol string table link", sec.offset, sec.link));
        return parseSymbols(table, this.layout, Math.floor(sec.size / this.layout.sym.size), strings, this.diagnostics);
      }, []),
    );
  }

  /** What debugging information survived: symbols, DWARF, a debuglink. */
  debugInfo(): Promise<DebugInfo> {
    return this.once("debug", () => debugFacts(this));
  }
}
