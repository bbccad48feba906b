import { Diagnostics, ElfError, type Warning } from "../errors.js";
import { withCache } from "../io/cache.js";
import type { ByteSource } from "../io/source.js";
import { ByteView } from "../io/view.js";
import { limits } from "../limits.js";
import { addressMap, lookup, type Mapping } from "./address.js";
import {
  DT_GNU_HASH, DT_HASH, DT_SYMTAB, DT_VERDEF, DT_VERDEFNUM, DT_VERNEED, DT_VERNEEDNUM, DT_VERSYM,
  PT_DYNAMIC, PT_INTERP, PT_NOTE, SHT_DYNAMIC, SHT_DYNSYM, SHT_GNU_verdef, SHT_GNU_verneed, SHT_GNU_versym, SHT_NOBITS,
  SHT_NOTE, SHT_SYMTAB,
} from "./constants.js";
import { debugFacts, type DebugInfo } from "./debug.js";
import { describeDynamic, firstValue, parseDynamicEntries, stringTableRef, type DynamicInfo } from "./dynamic.js";
import { MAX_EHDR, parseHeader, type ElfHeader } from "./header.js";
import type { Layout } from "./layout.js";
import { noteAlignment, noteFacts, parseNotes, type Note, type NoteFacts } from "./notes.js";
import { countFromGnuHash, countFromHash, parseSymbols, type ElfSymbol } from "./symbols.js";
import { readSections, readSegments, resolveCounts, type Counts, type Section, type Segment } from "./tables.js";
import { parseVersionDefs, parseVersionNeeds, versionNames, type VersionDef, type VersionNeed } from "./versions.js";

export interface OpenOptions {
  /** Throw at the first malformed structure instead of recording warnings. Default false. */
  strict?: boolean;
  /** Put a block cache in front of the source. Default: on, except for in-memory bytes. */
  cache?: boolean;
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
    const src = options.cache === false ? source : withCache(source);
    const first = await src.read(0, Math.min(MAX_EHDR, src.size));
    const { header, layout } = parseHeader(first);
    const counts = await resolveCounts(src, header, layout, diag);
    const [segments, sections] = await Promise.all([
      diag.guardAsync(() => readSegments(src, header, layout, counts.phnum, diag), []),
      diag.guardAsync(() => readSections(src, header, layout, counts, diag), []),
    ]);
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
   */
  async readVirtual(addr: bigint, length: number): Promise<Uint8Array> {
    const hit = lookup(this.addressMap, addr);
    if (hit === undefined || length > hit.available) {
      throw new ElfError("BAD_ADDRESS", "Address not mapped by any PT_LOAD segment", undefined, addr);
    }
    return this.source.read(hit.offset, length);
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
        const strings = await this.dynamicStrings(entries);
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

  private async dynamicStrings(entries: DynamicInfo["entries"]): Promise<ByteView | undefined> {
    const ref = stringTableRef(entries);
    const hit = ref === undefined ? undefined : lookup(this.addressMap, ref.addr);
    if (ref !== undefined && hit !== undefined) {
      let size = Math.min(hit.available, limits.maxTableBytes);
      if (ref.size !== undefined && ref.size < BigInt(size)) size = Number(ref.size);
      return this.view(hit.offset, size);
    }
    // Without a mappable DT_STRTAB, the dynamic section header's sh_link still names .dynstr.
    const dyn = this.sections.find((s) => s.type === SHT_DYNAMIC);
    const linked = dyn === undefined ? undefined : this.sections[dyn.link];
    if (ref !== undefined) {
      this.diagnostics.report(new ElfError("BAD_ADDRESS", "DT_STRTAB not mapped by any PT_LOAD segment", undefined, ref.addr));
    }
    return linked === undefined || linked.index === 0 ? undefined : this.readSection(linked);
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
      this.versionTable(DT_VERNEED, DT_VERNEEDNUM, SHT_GNU_verneed, (v, n, str) => parseVersionNeeds(v, n, str, this.diagnostics)),
    );
  }

  versionDefs(): Promise<VersionDef[]> {
    return this.once("verdef", () =>
      this.versionTable(DT_VERDEF, DT_VERDEFNUM, SHT_GNU_verdef, (v, n, str) => parseVersionDefs(v, n, str, this.diagnostics)),
    );
  }

  private async versionTable<T>(
    tagAddr: number,
    tagNum: number,
    sectionType: number,
    parse: (v: ByteView, count: number, str: (o: number) => string) => T[],
  ): Promise<T[]> {
    return this.diagnostics.guardAsync(async () => {
      const dyn = await this.dynamic();
      const strings = await this.stringsForVersions();
      const str = (o: number): string => {
        if (strings === undefined) throw new ElfError("BAD_STRING", "No dynamic string table", undefined, o);
        return strings.cstring(o, limits.maxStringLength);
      };
      const addr = dyn === undefined ? undefined : firstValue(dyn.entries, tagAddr);
      const num = dyn === undefined ? undefined : firstValue(dyn.entries, tagNum);
      if (addr !== undefined && num !== undefined && lookup(this.addressMap, addr) !== undefined) {
        return parse(await this.viewMapped(addr, 1024 * 1024), Number(num > 65_536n ? 65_536n : num), str);
      }
      const sec = this.sections.find((s) => s.type === sectionType);
      if (sec === undefined) return [];
      return parse(await this.readSection(sec, 1024 * 1024), sec.info, str);
    }, []);
  }

  private stringsForVersions(): Promise<ByteView | undefined> {
    return this.once("dynstr", async () => {
      const dyn = await this.dynamic();
      return dyn === undefined ? undefined : this.dynamicStrings(dyn.entries);
    });
  }

  /**
   * Dynamic symbols with their versions. The count comes from `.dynsym`'s size when section
   * headers exist, else from `DT_HASH`'s nchain or a walk of `DT_GNU_HASH`.
   */
  dynamicSymbols(): Promise<ElfSymbol[]> {
    return this.once("dynsym", () =>
      this.diagnostics.guardAsync(async () => {
        const dyn = await this.dynamic();
        const symtab = dyn === undefined ? undefined : firstValue(dyn.entries, DT_SYMTAB);
        const sec = this.sections.find((s) => s.type === SHT_DYNSYM);
        const entsize = this.layout.sym.size;
        let table: ByteView;
        let count: number;
        if (sec !== undefined && sec.size > 0) {
          table = await this.readSection(sec);
          count = Math.floor(sec.size / entsize);
        } else if (symtab !== undefined && dyn !== undefined) {
          count = await this.symbolCountFromHash(dyn.entries);
          table = await this.viewMapped(symtab, Math.min(count * entsize, limits.maxTableBytes));
        } else {
          return [];
        }
        const strings = await this.stringsForVersions();
        const syms = parseSymbols(table, this.layout, count, strings, this.diagnostics);
        // Versions are extra: a broken DT_VERSYM must not cost the symbols already read.
        await this.diagnostics.guardAsync(() => this.attachVersions(syms, dyn?.entries), undefined);
        return syms;
      }, []),
    );
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
    const v = await this.versymTable(entries, syms.length * 2);
    if (v === undefined) return;
    const names = versionNames(await this.versionNeeds(), await this.versionDefs());
    const n = Math.min(syms.length, Math.floor(v.length / 2));
    for (let i = 0; i < n; i++) {
      const raw = v.u16(i * 2);
      const ver = names.get(raw & 0x7fff);
      if (ver !== undefined && (raw & 0x7fff) > 1) {
        syms[i]!.version = ver.name;
        if (raw & 0x8000) syms[i]!.hidden = true;
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
