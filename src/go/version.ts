import { decodeUtf8, ByteView } from "../io/view.js";
import type { GoExe } from "./exe.js";
import { LAYOUT_VERSIONS, type PclntabLayout } from "./pclntab-header.js";
import { dataSpans, scanSpan, type ScanBudget } from "./scan.js";

/**
 * Recovering the Go version without build info. The linker stores it as the string variable
 * `runtime.buildVersion` (cmd/link/internal/ld/main.go `addstrdata1(ctxt,
 * "runtime.buildVersion="+buildcfg.Version)`): a {data, len} header in writable data pointing
 * at the bytes in read-only data. String bytes are packed without separators, so the text is
 * found by pattern, and its exact length by finding the header that points at it.
 */
export type VersionSource = "symtab" | "string-header" | "rodata-scan";

/** A whole version: "go1.19.8", "go1.22rc1", "go1.25-20250209-RC00 cl/724970549 X:boringcrypto". */
const WHOLE = /^go1\.\d+(\.\d+)?((rc|beta)\d+)?([ +-][\x20-\x7e]*)?$/;
const MAX_VERSION = 128;
const CANDIDATE = /go1\.\d{1,3}(?:\.\d{1,3})?(?:(?:rc|beta)\d{1,2})?/g;
const MAX_CANDIDATES = 256;

/** The version in `runtime.buildVersion` through `.symtab`, when the file kept it. */
export async function versionFromSymtab(exe: GoExe): Promise<string | undefined> {
  const at = await exe.symbolValue("runtime.buildVersion");
  if (at === undefined) return undefined;
  const p = exe.pointerSize;
  const hdr = new ByteView(await exe.readVirtual(at, 2 * p), exe.little);
  const len = hdr.word(p, p === 8);
  if (len === 0n || len > 256n) return undefined;
  const text = decodeUtf8(await exe.readVirtual(hdr.word(0, p === 8), Number(len)));
  return text.startsWith("go") || text.startsWith("devel") ? text : undefined;
}

interface Candidate {
  addr: number;
  /** The pattern's match. */
  text: string;
  /** Up to `MAX_VERSION` bytes from the match on (latin1), to cut at a header's length. */
  raw: string;
}

/** `go1.x[.y]` strings in read-only data, at most `MAX_CANDIDATES`. */
async function candidates(exe: GoExe, budget: ScanBudget): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const span of dataSpans(exe, "readonly")) {
    await scanSpan(exe, span, MAX_VERSION, budget, (chunk, at) => {
      // latin1 keeps one char per byte, so string indexes are byte offsets.
      const text = latin1(chunk);
      for (const m of text.matchAll(CANDIDATE)) {
        const addr = Number(at) + m.index;
        const raw = text.slice(m.index, m.index + MAX_VERSION);
        const seen = out.find((c) => c.addr === addr);
        // Seen again in the overlap of the next chunk: keep the longer (untruncated) tail.
        if (seen === undefined) out.push({ addr, text: m[0], raw });
        else if (raw.length > seen.raw.length) seen.raw = raw;
        if (out.length >= MAX_CANDIDATES) return true;
      }
      return undefined;
    });
    if (out.length >= MAX_CANDIDATES) break;
  }
  return out;
}

function latin1(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/**
 * Looks in writable data for a Go string header {addr, len} pointing at a candidate whose
 * first `len` bytes are a whole version: that is `runtime.buildVersion`. Pointers of PIE
 * builds may be zero in the file (filled in by relocations), so this can find nothing.
 */
async function versionFromHeaders(exe: GoExe, found: Candidate[], budget: ScanBudget): Promise<string | undefined> {
  const byAddr = new Map(found.map((c) => [c.addr, c]));
  const p = exe.pointerSize;
  for (const span of dataSpans(exe, "writable")) {
    const hit = await scanSpan(exe, span, 2 * p, budget, (chunk, at) => {
      const v = new ByteView(chunk, exe.little);
      const skew = Number(at % BigInt(p));
      for (let i = skew === 0 ? 0 : p - skew; i + 2 * p <= chunk.length; i += p) {
        const c = byAddr.get(p === 8 ? wordAsNumber(v, i) : v.u32(i));
        if (c === undefined) continue;
        const len = p === 8 ? wordAsNumber(v, i + 8) : v.u32(i + 4);
        const text = c.raw.slice(0, len);
        if (len === text.length && WHOLE.test(text)) return text;
      }
      return undefined;
    });
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function wordAsNumber(v: ByteView, at: number): number {
  const lo = v.u32(at);
  const hi = v.u32(at + 4);
  return v.little ? hi * 2 ** 32 + lo : lo * 2 ** 32 + hi;
}

/** Minor version of "go1.N…". */
function minorOf(v: string): number {
  return Number(/^go1\.(\d+)/.exec(v)?.[1] ?? -1);
}

function inLayoutRange(v: string, layout: PclntabLayout | undefined): boolean {
  if (layout === undefined) return true;
  const r = LAYOUT_VERSIONS[layout];
  const m = minorOf(v);
  return m >= minorOf(r.min) && (r.max === null || m <= minorOf(r.max));
}

/**
 * The Go version from read-only data: a candidate confirmed by its string header, else the
 * first candidate whose minor version fits the pclntab layout (a guess, said so by `source`).
 */
export async function versionFromData(
  exe: GoExe,
  budget: ScanBudget,
  layout: PclntabLayout | undefined,
): Promise<{ version: string; source: VersionSource } | undefined> {
  const found = await candidates(exe, budget);
  if (found.length === 0) return undefined;
  const confirmed = await versionFromHeaders(exe, found, budget);
  if (confirmed !== undefined) return { version: confirmed, source: "string-header" };
  const guess = found.find((c) => inLayoutRange(c.text, layout));
  return guess === undefined ? undefined : { version: guess.text, source: "rodata-scan" };
}

/** The range of Go versions a pclntab layout was written by: ">= go1.20", "go1.18–go1.19". */
export function layoutRange(layout: PclntabLayout): string {
  const r = LAYOUT_VERSIONS[layout];
  return r.max === null ? `>=${r.min}` : `${r.min}..${r.max}`;
}
