import { ByteView } from "../io/view.js";
import { sectionNamed, segmentAt, type GoExe } from "./exe.js";
import { parsePclntabHeader, PCLNTAB_HEADER_MAX, type PclntabHeader } from "./pclntab-header.js";
import { dataSpans, scanSpan, type ScanBudget, type Span } from "./scan.js";

/**
 * Finding pclntab through `runtime.firstmoduledata` instead of a magic search through
 * megabytes of data. Since Go 1.16 the module data starts with the `pcHeader` pointer followed
 * by the `funcnametab` slice {data, len, cap}, and data = pcHeader + funcnameOffset
 * (Go src/runtime/symtab.go `moduledata`). The linker gives the symbol type SNOPTRDATA
 * (cmd/link/internal/ld/symtab.go), so it sits in `.noptrdata`: a few hundred KiB to search
 * where pclntab itself can be tens of MiB into `.data.rel.ro`. PIE builds may leave the
 * pointers zero in the file (filled by relocations); then nothing is found here.
 */
export async function pclntabFromModuledata(exe: GoExe, budget: ScanBudget): Promise<{ addr: bigint; size: number; header: PclntabHeader } | undefined> {
  const p = exe.pointerSize;
  const noptr = sectionNamed(exe, ".noptrdata");
  const spans: Span[] = noptr !== undefined ? [{ addr: noptr.addr, size: noptr.size }] : dataSpans(exe, "writable");
  for (const span of spans) {
    const candidates: bigint[] = [];
    await scanSpan(exe, span, 4 * p, budget, (chunk, at) => {
      collect(new ByteView(chunk, exe.little), at, p, candidates);
      return undefined;
    });
    for (const addr of candidates) {
      const hit = await checkCandidate(exe, addr);
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}

const MAX_CANDIDATES = 64;

/** Words {a, b, len, cap} with b − a a plausible header size and len == cap > 0. */
function collect(v: ByteView, at: bigint, p: 4 | 8, out: bigint[]): void {
  const word = (i: number): bigint => v.word(i, p === 8);
  const skew = Number(at % BigInt(p));
  for (let i = skew === 0 ? 0 : p - skew; i + 4 * p <= v.length && out.length < MAX_CANDIDATES; i += p) {
    const a = word(i);
    if (a === 0n) continue;
    const gap = word(i + p) - a;
    if (gap < 16n || gap > 256n) continue;
    const len = word(i + 2 * p);
    if (len === 0n || len !== word(i + 3 * p)) continue;
    if (!out.includes(a)) out.push(a);
  }
}

async function checkCandidate(exe: GoExe, addr: bigint): Promise<{ addr: bigint; size: number; header: PclntabHeader } | undefined> {
  const room = segmentAt(exe, addr)?.available;
  if (room === undefined || room < PCLNTAB_HEADER_MAX) return undefined;
  try {
    const header = parsePclntabHeader(await exe.readVirtual(addr, PCLNTAB_HEADER_MAX), room);
    return header.layout === "go1.2" || header.nfunc === 0 ? undefined : { addr, size: room, header };
  } catch {
    return undefined; // not a pclntab header: another candidate may be
  }
}
