import type { Diagnostics } from "../errors.js";
import { PF_W, PF_X, PT_LOAD, SHF_ALLOC, SHN_UNDEF, SHT_NOBITS } from "../elf/constants.js";
import type { ElfFile } from "../elf/file.js";
import type { ElfSymbol } from "../elf/symbols.js";

/** An allocated section, as the Go layer sees it: a name and a span of the address space. */
export interface GoSection {
  name: string;
  addr: bigint;
  size: number;
  /** `SHT_NOBITS`: no file bytes (.bss). */
  nobits: boolean;
}

/** A file-backed `PT_LOAD` span (`filesz` bytes from `vaddr`). */
export interface GoSegment {
  addr: bigint;
  size: number;
  writable: boolean;
  executable: boolean;
}

/**
 * The narrow view of an executable that the Go layer reads through, as Go's
 * `debug/buildinfo` reads through its `exe` interface (`ReadData(addr, size)`, `DataStart()`):
 * every byte is fetched by virtual address, so nothing here depends on ELF internals and a
 * synthetic test executable is a plain object.
 */
export interface GoExe {
  readonly pointerSize: 4 | 8;
  readonly little: boolean;
  /** Allocated sections only; empty when section headers were removed. */
  readonly sections: readonly GoSection[];
  /** File-backed `PT_LOAD` segments, in program header order. */
  readonly segments: readonly GoSegment[];
  /**
   * Exactly `length` bytes at `addr`; throws `ElfError` `BAD_ADDRESS` when not file-backed.
   * `into`: a buffer of the caller's the read may fill and return instead of allocating
   * (`ByteSource.read`); views that cannot use it ignore it.
   */
  readVirtual(addr: bigint, length: number, into?: Uint8Array): Promise<Uint8Array>;
  /** The file offset of `addr`, for the `offset` of an error; absent on synthetic views. */
  fileOffset?(addr: bigint): number | undefined;
  /** The Go build ID note and the GNU build-id, when present. */
  buildIds(): Promise<{ go: string | undefined; gnu: string | undefined }>;
  /** The value of a `.symtab` symbol (runtime.buildVersion): a fallback only, may read a lot. */
  symbolValue(name: string): Promise<bigint | undefined>;
  /**
   * Which of `names` are defined (not `SHN_UNDEF`) in `.dynsym`, else in `.symtab`: `.symtab`
   * is read only when `.dynsym` has none of them. Absent on synthetic views: no symbol evidence.
   */
  definedSymbols?(names: readonly string[]): Promise<Array<{ name: string; table: ".dynsym" | ".symtab" }>>;
  /** `e_type` (`ET_EXEC`, `ET_DYN`…), when the view knows it. */
  readonly fileType?: number;
  readonly diagnostics: Diagnostics;
}

/** Adapts an opened `ElfFile` to `GoExe`. */
export function goExeFromElf(elf: ElfFile): GoExe {
  const sections: GoSection[] = [];
  for (const s of elf.sections) {
    if ((s.flags & BigInt(SHF_ALLOC)) === 0n || s.name === "") continue;
    sections.push({ name: s.name, addr: s.addr, size: s.size, nobits: s.type === SHT_NOBITS });
  }
  const segments: GoSegment[] = [];
  for (const p of elf.segments) {
    if (p.type !== PT_LOAD || p.filesz === 0) continue;
    segments.push({ addr: p.vaddr, size: p.filesz, writable: (p.flags & PF_W) !== 0, executable: (p.flags & PF_X) !== 0 });
  }
  return {
    pointerSize: elf.pointerSize,
    little: elf.little,
    sections,
    segments,
    readVirtual: (addr, length, into) => elf.readVirtual(addr, length, into),
    fileOffset: (addr) => elf.offsetOf(addr),
    async buildIds() {
      const facts = await elf.noteFacts();
      return { go: facts.goBuildId, gnu: facts.gnuBuildId };
    },
    async symbolValue(name) {
      const syms = await elf.symbols();
      return syms.find((s) => s.name === name)?.value;
    },
    async definedSymbols(names) {
      const pick = (syms: readonly ElfSymbol[]) => names.filter((n) => syms.some((s) => s.name === n && s.shndx !== SHN_UNDEF));
      const dyn = pick(await elf.dynamicSymbols());
      if (dyn.length > 0) return dyn.map((name) => ({ name, table: ".dynsym" as const }));
      return pick(await elf.symbols()).map((name) => ({ name, table: ".symtab" as const }));
    },
    fileType: elf.header.type,
    diagnostics: elf.diagnostics,
  };
}

export function sectionNamed(exe: GoExe, name: string): GoSection | undefined {
  return exe.sections.find((s) => s.name === name && !s.nobits);
}

/** The segment holding `addr`, and the bytes that follow it there. */
export function segmentAt(exe: GoExe, addr: bigint): { segment: GoSegment; available: number } | undefined {
  for (const s of exe.segments) {
    if (addr >= s.addr && addr < s.addr + BigInt(s.size)) return { segment: s, available: s.size - Number(addr - s.addr) };
  }
  return undefined;
}
