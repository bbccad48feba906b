import { limits } from "../limits.js";
import { sectionNamed, type GoExe } from "./exe.js";
import { parsePclntabHeader, plausibleHeaderStart, PCLNTAB_HEADER_MAX, type PclntabHeader } from "./pclntab-header.js";
import { pclntabFromModuledata } from "./moduledata.js";
import { dataSpans, scanSpan, type ScanBudget, type Span } from "./scan.js";
import type { FunctionSink } from "./functions.js";
import { RegionWindow } from "./window.js";

/** A located pclntab: where it is, how it was found, its checked header. */
export interface Pclntab {
  addr: bigint;
  /** Bytes from `addr` to the end of the section (or of the segment, when found by scan). */
  size: number;
  foundBy: "section" | "moduledata" | "scan";
  header: PclntabHeader;
}

/** Reads and checks the header at `addr` (`size` bytes available there). */
async function headerAt(exe: GoExe, addr: bigint, size: number): Promise<PclntabHeader> {
  const head = await exe.readVirtual(addr, Math.min(size, PCLNTAB_HEADER_MAX));
  return parsePclntabHeader(head, size, exe.fileOffset?.(addr));
}

/**
 * Finds pclntab: the `.gopclntab` section; else a search of the non-executable segments,
 * read-only ones first. Externally linked PIE builds keep pclntab inside `.data.rel.ro`, in
 * the writable (RELRO) segment, with no section of its own. Candidates are the four magics in
 * either byte order at 4-byte-aligned addresses (`pcHeader.magic` is a uint32 the runtime
 * reads, src/runtime/symtab.go), kept only when the whole header checks out.
 * A damaged `.gopclntab` header is an error (reported by the caller), not a reason to scan.
 */
export async function locatePclntab(exe: GoExe, budget: ScanBudget, allowScan: boolean): Promise<Pclntab | undefined> {
  const section = sectionNamed(exe, ".gopclntab");
  if (section !== undefined && section.size > 0) {
    return { addr: section.addr, size: section.size, foundBy: "section", header: await headerAt(exe, section.addr, section.size) };
  }
  if (!allowScan) return undefined;
  const viaModule = await pclntabFromModuledata(exe, budget);
  if (viaModule !== undefined) return { ...viaModule, foundBy: "moduledata" };
  for (const span of scanOrder(exe)) {
    const hit = await scanSpan(exe, span, PCLNTAB_HEADER_MAX, budget, (chunk, at) => firstHeader(chunk, at, span.addr + BigInt(span.size)));
    if (hit !== undefined) return { ...hit, foundBy: "scan" };
  }
  return undefined;
}

/**
 * Where to search: `.data.rel.ro` first when a section says where it is (externally linked
 * builds put pclntab there), then the read-only segments, then the writable ones.
 */
function scanOrder(exe: GoExe): Span[] {
  const relro = sectionNamed(exe, ".data.rel.ro");
  const spans = dataSpans(exe, "all");
  return relro === undefined ? spans : [{ addr: relro.addr, size: relro.size }, ...spans];
}

/** The first 4-byte-aligned offset in `chunk` holding a complete, plausible header. */
function firstHeader(chunk: Uint8Array, at: bigint, spanEnd: bigint): Omit<Pclntab, "foundBy"> | undefined {
  const skew = Number(at % 4n);
  for (let i = skew === 0 ? 0 : 4 - skew; i + PCLNTAB_HEADER_MAX <= chunk.length; i += 4) {
    // Cheap byte tests first: bytes 1 and 2 of every magic are 0xff in either order.
    if (chunk[i + 1] !== 0xff || chunk[i + 2] !== 0xff || !plausibleHeaderStart(chunk, i)) continue;
    const addr = at + BigInt(i);
    const size = Number(spanEnd - addr);
    try {
      const header = parsePclntabHeader(chunk.subarray(i, i + PCLNTAB_HEADER_MAX), size);
      if (header.nfunc > 0) return { addr, size, header };
    } catch {
      // Not a real header: keep looking.
    }
  }
  return undefined;
}

/**
 * Streams pclntab's function table into `sink`: each function's name and entry PC, in table
 * order. Only the function table, the names' `_func` records and the name table are read, each
 * through its own window (Go src/debug/gosym/pclntab.go `funcTab.pc`, `funcData.nameOff`,
 * `funcName`). functab is pairs (entry, funcOff): from Go 1.18 a u32 offset from `textStart`,
 * before that a pointer-sized PC. The `_func` record of function i sits at funcdata +
 * funcOff(i); its name offset is the 4-byte field after the entry field (`entrySize` bytes).
 * `textStart` (1.18+) is the header's, or its relocated value (see `textStart`); undefined
 * makes every entry NaN (unknown). A damaged table throws after the names before it were added.
 */
export async function readFunctionTable(exe: GoExe, t: Pclntab, sink: FunctionSink, textStart: bigint | undefined): Promise<void> {
  const h = t.header;
  const window = limits.scanChunkBytes;
  const pair = 2 * h.fieldSize;
  // The table's window stops at its end: the `_func` records right after it have their own.
  // Every window reuses one buffer: the sink gets a name's bytes for the call only
  // (`FunctionSink`), so no view outlives the next load (a 1.2-layout name window moves some ten
  // times over a large binary: ten 1 MiB buffers of garbage otherwise).
  const table = new RegionWindow(exe, t.addr, t.size, h.little, Math.min(window, (2 * h.nfunc + 1) * h.fieldSize), true);
  const records = new RegionWindow(exe, t.addr, t.size, h.little, 64 * 1024, true);
  const nameEnd = h.funcnameEnd ?? t.size;
  const nameBytes = nameEnd - h.funcnameOff;
  // Name offsets jump backwards (the linker writes inlined callees' names as it meets them),
  // so a table of known, bounded size is read whole, once; the 1.2 layout's names are spread
  // through the whole pclntab and stay behind a sliding window.
  const whole = h.funcnameEnd !== undefined && nameBytes <= limits.maxGoNameTable;
  const names = new RegionWindow(exe, t.addr + BigInt(h.funcnameOff), nameBytes, h.little, whole ? nameBytes : window, true);
  const relative = h.textStart !== undefined;
  const base = textStart === undefined || textStart > BigInt(Number.MAX_SAFE_INTEGER) ? NaN : Number(textStart);
  let entry = NaN;
  const add = (bytes: Uint8Array, start: number, end: number): void => sink.add(bytes, start, end, entry);
  for (let i = 0; i < h.nfunc; i++) {
    const at = h.functabOff + i * pair;
    // Awaiting only on a window miss keeps the common path synchronous.
    if (!table.has(at, pair)) await table.load(at, pair);
    const pc = table.word(at, h.fieldSize);
    entry = relative ? base + pc : pc;
    const rec = h.funcdataOff + table.word(at + h.fieldSize, h.fieldSize) + h.entrySize;
    if (!records.has(rec, 4)) await records.load(rec, 4);
    const nameOff = records.u32(rec);
    if (!names.cstringBytesNow(nameOff, limits.maxStringLength, add)) await names.cstringBytes(nameOff, limits.maxStringLength, add);
  }
}

/**
 * The address 1.18+ entry offsets are relative to: the header's `textStart`, which the linker
 * writes as `runtime.text`. A PIE may leave it 0 in the file (a dynamic relocation fills it;
 * `moduledata.text` is relocated the same way), so then `runtime.text` from `.symtab` is used
 * when there is one; without either, entries stay unknown rather than guessed (Go's
 * debug/gosym uses the `.text` section's address, which is wrong for externally linked
 * builds: C start-up code comes first there).
 */
export async function textStart(exe: GoExe, t: Pclntab): Promise<bigint | undefined> {
  const h = t.header;
  if (h.textStart === undefined) return undefined;
  if (h.textStart !== 0n) return h.textStart;
  return exe.symbolValue("runtime.text");
}

/** Per function, in table order: its name's offset in the name table and its entry PC. */
export interface FunctionRefs {
  nameOffs: Uint32Array;
  /** Entry PCs (NaN when unknown). */
  entries: Float64Array;
  /** Functions read: `nfunc`, or fewer when the table is damaged. */
  count: number;
}

/**
 * The 1.16+ walk without the names: functab and each `_func` record's name offset (as
 * `readFunctionTable`), into `out` (sized for `nfunc`); `out.count` says how far it got when
 * a damaged table throws. Names are looked up afterwards in the name table, read once whole
 * (`LinkedNameTable`), so no string is touched here.
 */
export async function readFunctionRefs(exe: GoExe, t: Pclntab, out: FunctionRefs, textStart: bigint | undefined): Promise<void> {
  const h = t.header;
  const pair = 2 * h.fieldSize;
  // Both windows slide over megabytes taking only numbers out: each reuses one buffer.
  const table = new RegionWindow(exe, t.addr, t.size, h.little, Math.min(limits.scanChunkBytes, (2 * h.nfunc + 1) * h.fieldSize), true);
  const records = new RegionWindow(exe, t.addr, t.size, h.little, 256 * 1024, true);
  const relative = h.textStart !== undefined;
  const base = textStart === undefined || textStart > BigInt(Number.MAX_SAFE_INTEGER) ? NaN : Number(textStart);
  const { nameOffs, entries } = out;
  for (let i = 0; i < h.nfunc; i++) {
    const at = h.functabOff + i * pair;
    if (!table.has(at, pair)) await table.load(at, pair);
    const pc = table.word(at, h.fieldSize);
    const rec = h.funcdataOff + table.word(at + h.fieldSize, h.fieldSize) + h.entrySize;
    if (!records.has(rec, 4)) await records.load(rec, 4);
    nameOffs[i] = records.u32(rec);
    entries[i] = relative ? base + pc : pc;
    out.count = i + 1;
  }
}
