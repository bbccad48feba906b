import { asElfError, Diagnostics, ElfError, type Warning } from "../errors.js";
import { withCache } from "../io/cache.js";
import { checkRange, type ByteSource } from "../io/source.js";
import { ByteView } from "../io/view.js";
import { limits } from "../limits.js";
import { addressMap, lookup, type Mapping } from "./address.js";
import {
  DT_GNU_HASH, DT_HASH, DT_SYMTAB, DT_VERDEF, DT_VERDEFNUM, DT_VERNEED, DT_VERNEEDNUM, DT_VERSYM,
  PT_DYNAMIC, PT_INTERP, PT_NOTE, SHT_DYNAMIC, SHT_DYNSYM, SHT_GNU_HASH, SHT_GNU_verdef, SHT_GNU_verneed, SHT_GNU_versym, SHT_NOBITS,
  SHN_UNDEF, SHT_NOTE, SHT_SYMTAB,
} from "./constants.js";
import { debugFacts, type DebugInfo } from "./debug.js";
import { describeDynamic, firstValue, parseDynamicEntries, stringOffsets, stringTableRef, type DynamicInfo } from "./dynamic.js";
import { bloomAdmits, GNU_HASH_HEADER, gnuHashes, gnuHashShape, highestBucket, unhashedRanges, type GnuHashTable } from "./gnu-hash.js";
import { MAX_EHDR, parseHeader, type ElfHeader } from "./header.js";
import type { Layout } from "./layout.js";
import { noteAlignment, noteFacts, parseNotes, type Note, type NoteFacts } from "./notes.js";
import { countFromHash, parseSymbols, symbolNameOffsets, symbolNames, type ElfSymbol } from "./symbols.js";
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
/** GNU hash buckets read with the Bloom filter up to this many bytes; bytes of chain words read at a time. */
const SMALL_BUCKETS = 4096;
const CHAIN_READ = 64;
/** Chain words one `hashedSymbols` call may visit beyond one per symbol. */
const CHAIN_BUDGET = 4096;
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

  /**
   * Fetches `ranges` into the block cache ahead of the reads that will want them, ranges at most
   * `maxGap` bytes apart in one read: a report's small tables (`.gnu.hash`, `.dynsym`, `.dynstr`,
   * the version records) usually sit side by side after the program headers, and one call
   * costs more than the gaps. Ranges outside the file are left for their own reads to report;
   * a merged read longer than 64 KiB is not worth a speculative read and is skipped.
   */
  async prefetch(ranges: readonly { offset: number; length: number }[], maxGap = 1024): Promise<void> {
    const size = this.source.size;
    const sorted = ranges
      .filter((r) => r.length > 0 && r.offset >= 0 && r.length <= size - r.offset)
      .map((r) => [r.offset, r.offset + r.length] as [number, number])
      .sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const r of sorted) {
      const last = merged[merged.length - 1];
      if (last !== undefined && r[0] - last[1] <= maxGap) last[1] = Math.max(last[1], r[1]);
      else merged.push(r);
    }
    const worth = merged.filter(([a, b]) => b - a <= READ_AHEAD_MAX);
    await Promise.all(worth.map(([a, b]) => this.source.read(a, b - a).catch(() => undefined)));
  }

  sectionByName(name: string): Section | undefined {
    return this.sections.find((s) => s.name === name);
  }

  /** A section's bytes (empty for `SHT_NOBITS`), capped by `limits.maxTableBytes`. */
  async readSection(s: Section, max: number = limits.maxTableBytes): Promise<ByteView> {
    const e = this.sectionExtent(s, max);
    return e.length === 0 ? new ByteView(new Uint8Array(0), this.little, s.offset) : this.view(e.offset, e.length);
  }

  /** The bytes `readSection` would read, checked but unread: none for `SHT_NOBITS`. */
  private sectionExtent(s: Section, max: number): { offset: number; length: number } {
    if (s.type === SHT_NOBITS) return { offset: s.offset, length: 0 };
    if (s.size > max) throw new ElfError("LIMIT_EXCEEDED", "Section too large to read", s.offset, s.size);
    if (s.size > 0) checkRange(this.source.size, s.offset, s.size);
    return { offset: s.offset, length: s.size };
  }

  /** `PT_INTERP`: the program interpreter path, or undefined when there is none. */
  interpreter(): Promise<string | undefined> {
    return this.once("interp", () =>
      this.diagnostics.guardAsync(async () => {
        const seg = this.segments.find((s) => s.type === PT_INTERP);
        if (seg === undefined) return undefined;
        // No bytes in the file (a separate debug file keeps the segment as SHT_NOBITS): no path
        // to name, as readelf finds none; the kernel refuses a PT_INTERP under 2 bytes (ENOEXEC).
        if (seg.filesz === 0) throw new ElfError("BAD_STRING", "PT_INTERP holds no path", seg.offset, 0);
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
        const found = await this.dynamicTable();
        if (found === undefined) return undefined;
        const entries = parseDynamicEntries(found.table, this.layout, this.diagnostics, found.zeroFilled);
        const strings = await this.lazyStrings(await this.dynamicStringsAt(entries));
        await strings?.load(stringOffsets(entries));
        return describeDynamic(entries, strings, this.diagnostics);
      }, undefined),
    );
  }

  /** The dynamic table's bytes, and whether zero fill follows them in memory (`p_memsz` > `p_filesz`). */
  private async dynamicTable(): Promise<{ table: ByteView; zeroFilled: boolean } | undefined> {
    const seg = this.segments.find((s) => s.type === PT_DYNAMIC);
    if (seg !== undefined) {
      const size = Math.min(seg.filesz, limits.maxDynamicEntries * this.layout.dyn.size);
      const zeroFilled = seg.memsz > BigInt(seg.filesz);
      if (seg.offset <= this.source.size && size <= this.source.size - seg.offset) return { table: await this.view(seg.offset, size), zeroFilled };
      // p_offset is damaged: the loader only uses p_vaddr, so try that.
      return { table: await this.viewMapped(seg.vaddr, size), zeroFilled };
    }
    const sec = this.sections.find((s) => s.type === SHT_DYNAMIC);
    return sec === undefined ? undefined : { table: await this.readSection(sec, limits.maxDynamicEntries * this.layout.dyn.size), zeroFilled: false };
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

  /**
   * The names of the imports `DT_GNU_HASH` does not hold: those below its symoffset and any
   * after its last chain (GNU ld's table for a program that exports nothing hashes no symbol).
   * Linkers leave imports out of the hash table: lld every one, GNU ld those called through the
   * PLT (it hashes some others: the weak `__cxa_finalize`, a function whose address is taken). A
   * library exporting thousands of symbols hashes them, so this reads a fraction of what
   * `importedNames()` reads. `complete` is true when no import can be elsewhere (no usable GNU
   * hash table: then `names` is `importedNames()`); otherwise find the others by name with
   * `hashedSymbols`.
   */
  importedNamesOutsideHash(): Promise<{ names: string[]; complete: boolean }> {
    return this.once("importsOutsideHash", async () => {
      try {
        const u = await this.unhashedTables();
        if (u !== undefined) {
          const strings = await this.versionStrings();
          const names: string[] = [];
          for (const { from, count, table } of u.parts) {
            await strings?.load(symbolNameOffsets(table, this.layout, count, isImport));
            // Entry 0 of the table is the null symbol, not an import.
            names.push(...symbolNames(table, this.layout, count, strings, this.diagnostics, isImport, from === 0 ? 1 : 0));
          }
          return { names, complete: u.complete };
        }
      } catch (e) {
        this.diagnostics.report(asElfError(e));
      }
      return { names: await this.importedNames(), complete: true };
    });
  }

  /**
   * The dynamic symbol named `name` (any version), as the loader finds it: through
   * `DT_GNU_HASH` (`hashedSymbols`), then among the symbols the table does not hold (below
   * symoffset, where the imports are). Without a usable GNU hash table, a scan of
   * `dynamicSymbols()`. Undefined when there is no such symbol.
   */
  dynamicSymbol(name: string): Promise<ElfSymbol | undefined> {
    return this.diagnostics.guardAsync(async () => {
      if (name === "") return undefined;
      if ((await this.gnuHashTable()) !== undefined) {
        try {
          const [hit] = await this.lookupHashed([name]);
          return hit ?? (await this.unhashedSymbols()).find((s) => s.name === name);
        } catch (e) {
          this.diagnostics.report(asElfError(e));
        }
      }
      return (await this.dynamicSymbols()).find((s) => s.index !== 0 && s.name === name);
    }, undefined);
  }

  /**
   * Those of `names` that `DT_GNU_HASH` holds, found through it (Bloom filter, bucket, chain:
   * glibc's `do_lookup_x`) without reading the rest of `.dynsym`; the Bloom filter rejects most
   * names a file does not hash without a read. Empty without a usable GNU hash table. When a
   * bucket or chain is damaged, a warning, and the whole `.dynsym` answers for the symbols the
   * table should hold.
   */
  hashedSymbols(names: readonly string[]): Promise<ElfSymbol[]> {
    return this.diagnostics.guardAsync(async () => {
      try {
        return await this.lookupHashed(names);
      } catch (e) {
        this.diagnostics.report(asElfError(e));
        const t = (await this.gnuHashTable())?.table;
        if (t === undefined) return [];
        const hashed = (await this.dynamicSymbols()).filter((s) => s.index >= t.symoffset && s.index < t.hashedEnd);
        return names.flatMap((n) => hashed.find((s) => s.name === n) ?? []);
      }
    }, []);
  }

  /**
   * Where `.dynsym` is and how many entries it has, unread: the section when there is one, else
   * `DT_SYMTAB` through the address map, sized by the hash table.
   */
  private dynsymAt(): Promise<{ offset: number; count: number; entries: DynamicInfo["entries"] | undefined } | undefined> {
    return this.once("dynsymAt", async () => {
      const dyn = await this.dynamic();
      const sec = this.sections.find((s) => s.type === SHT_DYNSYM);
      const entsize = this.layout.sym.size;
      if (sec !== undefined && sec.size > 0) {
        const e = this.sectionExtent(sec, limits.maxTableBytes);
        return { offset: e.offset, count: Math.floor(e.length / entsize), entries: dyn?.entries };
      }
      const symtab = dyn === undefined ? undefined : firstValue(dyn.entries, DT_SYMTAB);
      if (symtab === undefined || dyn === undefined) return undefined;
      const hit = lookup(this.addressMap, symtab);
      if (hit === undefined) throw new ElfError("BAD_ADDRESS", "Address not mapped by any PT_LOAD segment", undefined, symtab);
      const count = await this.symbolCountFromHash(dyn.entries);
      return { offset: hit.offset, count: Math.min(count, Math.floor(Math.min(hit.available, limits.maxTableBytes) / entsize)), entries: dyn.entries };
    });
  }

  /**
   * The GNU hash table's header and Bloom filter (through `DT_GNU_HASH`, else its section);
   * undefined, with a warning when damaged, where there is none to use.
   */
  private gnuHashTable(): Promise<{ table: GnuHashTable; offset: number; available: number } | undefined> {
    return this.once("gnuHash", () =>
      this.diagnostics.guardAsync(async () => {
        const dyn = await this.dynamic();
        const addr = dyn === undefined ? undefined : firstValue(dyn.entries, DT_GNU_HASH);
        const hit = addr === undefined ? undefined : lookup(this.addressMap, addr);
        const sec = this.sections.find((s) => s.type === SHT_GNU_HASH && s.size > 0);
        let at: { offset: number; available: number } | undefined;
        if (hit !== undefined) at = { offset: hit.offset, available: hit.available };
        else if (sec !== undefined && sec.type !== SHT_NOBITS && sec.offset < this.source.size) {
          at = { offset: sec.offset, available: Math.min(sec.size, this.source.size - sec.offset) };
        }
        if (at === undefined) return undefined;
        const shape = gnuHashShape(await this.view(at.offset, Math.min(GNU_HASH_HEADER, at.available)), this.wide, at.available);
        // Small bucket arrays come with the Bloom filter: nearly every file has a few names the
        // filter lets through, and one read beats one per bucket.
        const head = await this.view(at.offset, shape.chainsAt - shape.bucketsAt <= SMALL_BUCKETS ? shape.chainsAt : shape.bucketsAt);
        // The section's size counts the chain words; without one, walk the highest bucket's chain.
        const own = this.sections.find((s) => s.type === SHT_GNU_HASH && s.offset === at.offset && s.size >= shape.chainsAt);
        let hashedEnd: number;
        if (own !== undefined) hashedEnd = shape.symoffset + Math.floor((Math.min(own.size, at.available) - shape.chainsAt) / 4);
        else hashedEnd = await this.chainEnd(at, shape, head);
        return { table: { ...shape, head, hashedEnd }, ...at };
      }, undefined),
    );
  }

  /** `hashedSymbols`, throwing on damage. */
  private async lookupHashed(names: readonly string[]): Promise<ElfSymbol[]> {
    const [hash, at, strings] = await Promise.all([this.gnuHashTable(), this.dynsymAt(), this.versionStrings()]);
    if (hash === undefined || at === undefined || strings === undefined) return [];
    const out: ElfSymbol[] = [];
    const hashes = gnuHashes(names);
    // Real chains are a few words long; a file whose chains are not must not make each of many
    // names walk the whole table.
    const budget = { words: Math.min(at.count, limits.maxSymbols) + CHAIN_BUDGET };
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const h = hashes[i]!;
      if (name === "" || !bloomAdmits(hash.table, h, this.wide)) continue;
      const index = await this.walkChain(hash, at, strings, name, h, budget);
      if (index !== undefined) out.push(await this.symbolAt(at, index, strings));
    }
    return out;
  }

  /** One past the last hashed symbol: the end of the chain of the highest bucket. */
  private async chainEnd(at: { offset: number; available: number }, t: Omit<GnuHashTable, "head" | "hashedEnd">, head: ByteView): Promise<number> {
    const n = t.chainsAt - t.bucketsAt;
    // The buckets came with the Bloom filter when small (see gnuHashTable).
    const buckets = head.length >= t.chainsAt ? head.sub(t.bucketsAt, n) : await this.view(at.offset + t.bucketsAt, n);
    const last = highestBucket(buckets, t.nbuckets);
    if (last < t.symoffset) return t.symoffset;
    const STEP = 64;
    for (let index = last; index < last + limits.maxSymbols; index += STEP) {
      const from = t.chainsAt + 4 * (index - t.symoffset);
      if (from + 4 > at.available) break;
      const words = await this.view(at.offset + from, Math.min(4 * STEP, at.available - from));
      for (let i = 0; i + 4 <= words.length; i += 4) if ((words.u32(i) & 1) !== 0) return index + i / 4 + 1;
    }
    throw new ElfError("BAD_HASH_TABLE", "GNU hash chain runs past its table", at.offset + t.chainsAt);
  }

  /**
   * The index of the hashed symbol named `name` (hash `h`), or undefined when the table does
   * not hash it. A chain ends at a word with bit 0 set; one that runs out of symbols is damage.
   */
  private async walkChain(
    hash: { table: GnuHashTable; offset: number; available: number },
    at: { offset: number; count: number },
    strings: LazyStrings,
    name: string,
    h: number,
    budget: { words: number },
  ): Promise<number | undefined> {
    const t = hash.table;
    const bucketAt = t.bucketsAt + 4 * (h % t.nbuckets);
    const first = bucketAt + 4 <= t.head.length ? t.head.u32(bucketAt) : (await this.view(hash.offset + bucketAt, 4)).u32(0);
    if (first === 0) return undefined;
    if (first < t.symoffset || first >= t.hashedEnd) throw new ElfError("BAD_HASH_TABLE", "GNU hash bucket points outside the hashed symbols", hash.offset, first);
    const entsize = this.layout.sym.size;
    const end = Math.min(at.count, t.hashedEnd, limits.maxSymbols);
    // Chains are short (a few words): read several at once.
    let words: ByteView | undefined;
    for (let index = first; index < end; index++) {
      const chainAt = t.chainsAt + 4 * (index - t.symoffset);
      if (chainAt + 4 > hash.available) throw new ElfError("BAD_HASH_TABLE", "GNU hash chain runs past its table", hash.offset + chainAt);
      if (--budget.words < 0) throw new ElfError("LIMIT_EXCEEDED", "GNU hash chains longer than the symbol table", hash.offset + chainAt);
      if (words === undefined || hash.offset + chainAt + 4 > words.base + words.length) {
        words = await this.view(hash.offset + chainAt, Math.min(CHAIN_READ, hash.available - chainAt, 4 * (end - index)));
      }
      const word = words.u32(hash.offset + chainAt - words.base);
      if ((word | 1) === (h | 1)) {
        const nameOff = (await this.view(at.offset + index * entsize, entsize)).u32(this.layout.sym.name);
        await strings.load([nameOff]);
        if (nameOff !== 0 && strings.cstring(nameOff, limits.maxStringLength) === name) return index;
      }
      if ((word & 1) !== 0) return undefined;
    }
    throw new ElfError("BAD_HASH_TABLE", "GNU hash chain runs past the symbol table", hash.offset, first);
  }

  /** One `.dynsym` entry with its name and version. */
  private async symbolAt(at: { offset: number; entries: DynamicInfo["entries"] | undefined }, index: number, strings: LazyStrings): Promise<ElfSymbol> {
    const entsize = this.layout.sym.size;
    const sym = parseSymbols(await this.view(at.offset + index * entsize, entsize), this.layout, 1, strings, this.diagnostics)[0]!;
    sym.index = index;
    await this.diagnostics.guardAsync(() => this.attachVersions([sym], at.entries), undefined);
    return sym;
  }

  /**
   * The `.dynsym` entries `DT_GNU_HASH` does not hold, a view per range with its first index;
   * `complete` when the table holds no symbol at all. Undefined without a usable table.
   */
  private unhashedTables(): Promise<{ parts: { from: number; count: number; table: ByteView }[]; complete: boolean; entries: DynamicInfo["entries"] | undefined } | undefined> {
    return this.once("unhashedTables", async () => {
      const [hash, at] = await Promise.all([this.gnuHashTable(), this.dynsymAt()]);
      if (hash === undefined || at === undefined) return undefined;
      const entsize = this.layout.sym.size;
      const parts: { from: number; count: number; table: ByteView }[] = [];
      for (const [from, to] of unhashedRanges(hash.table, at.count)) {
        parts.push({ from, count: to - from, table: await this.view(at.offset + from * entsize, (to - from) * entsize) });
      }
      return { parts, complete: Math.min(hash.table.hashedEnd, at.count) <= hash.table.symoffset, entries: at.entries };
    });
  }

  /** The symbols `DT_GNU_HASH` does not hold (imports, section symbols), with names and versions. */
  private unhashedSymbols(): Promise<ElfSymbol[]> {
    return this.once("unhashed", async () => {
      const [u, strings] = await Promise.all([this.unhashedTables(), this.versionStrings()]);
      if (u === undefined) return [];
      const syms: ElfSymbol[] = [];
      for (const { from, count, table } of u.parts) {
        await strings?.load(symbolNameOffsets(table, this.layout, count, () => true));
        for (const s of parseSymbols(table, this.layout, count, strings, this.diagnostics)) {
          s.index += from;
          if (s.index !== 0) syms.push(s);
        }
      }
      await this.diagnostics.guardAsync(() => this.attachVersions(syms, u.entries), undefined);
      return syms;
    });
  }

  /** The `.dynsym` entries, read whole: see `dynsymAt`. */
  private dynsymTable(): Promise<{ table: ByteView; count: number; entries: DynamicInfo["entries"] | undefined } | undefined> {
    return this.once("dynsymTable", async () => {
      const at = await this.dynsymAt();
      return at === undefined ? undefined : { ...at, table: await this.view(at.offset, at.count * this.layout.sym.size) };
    });
  }

  private async symbolCountFromHash(entries: DynamicInfo["entries"]): Promise<number> {
    // One past the last hashed symbol: the table's own walk (GNU ld puts the hashed symbols last).
    const gnu = await this.gnuHashTable();
    if (gnu !== undefined) return gnu.table.hashedEnd;
    const hash = firstValue(entries, DT_HASH);
    if (hash !== undefined) return countFromHash(await this.viewMapped(hash, 8));
    return 0;
  }

  private async attachVersions(syms: ElfSymbol[], entries: DynamicInfo["entries"] | undefined): Promise<void> {
    if (syms.length === 0) return;
    // From the first symbol's entry on: one symbol looked up by hash needs two bytes.
    const from = syms[0]!.index;
    const v = await this.versymTable(entries, from, (syms[syms.length - 1]!.index + 1 - from) * 2);
    if (v === undefined) return;
    const names = versionNames(await this.versionNeeds(), await this.versionDefs());
    for (const sym of syms) {
      const at = (sym.index - from) * 2;
      if (at < 0 || at + 2 > v.length) break;
      const raw = v.u16(at);
      const ver = names.get(raw & 0x7fff);
      if (ver !== undefined && (raw & 0x7fff) > 1) {
        sym.version = ver.name;
        if (raw & 0x8000) sym.hidden = true;
      }
    }
  }

  /**
   * `.gnu.version`: through `DT_VERSYM` and the address map (section headers may be gone), else
   * the `SHT_GNU_versym` section, as `versionTable` does for the need and definition tables;
   * from entry `from` on, at most `max` bytes.
   */
  private async versymTable(entries: DynamicInfo["entries"] | undefined, from: number, max: number): Promise<ByteView | undefined> {
    const addr = entries === undefined ? undefined : firstValue(entries, DT_VERSYM);
    if (addr !== undefined && lookup(this.addressMap, addr) !== undefined) return this.viewMapped(addr + BigInt(2 * from), max);
    const sec = this.sections.find((s) => s.type === SHT_GNU_versym);
    if (sec !== undefined) return 2 * from >= sec.size ? undefined : this.view(sec.offset + 2 * from, Math.min(sec.size - 2 * from, max));
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
