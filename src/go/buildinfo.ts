import { ElfError } from "../errors.js";
import { ByteView, decodeUtf8, readUvarint } from "../io/view.js";
import { limits } from "../limits.js";
import { sectionNamed, segmentAt, type GoExe } from "./exe.js";
import { dataSpans, magicHits, scanSpan, type ScanBudget, type Span } from "./scan.js";

/**
 * Go build info (Go src/debug/buildinfo/buildinfo.go, src/cmd/link/internal/ld/data.go
 * `buildinfo`): a 32-byte header at a 16-byte-aligned address, "\xff Go buildinf:", then the
 * pointer size (byte 14) and flags (byte 15: bit 0 big-endian, bit 1 inline strings). Go 1.18+
 * writes the version and module text inline as uvarint-prefixed strings after the header;
 * Go 1.13–1.17 write two pointers (at 16 and 16+ptrSize) to Go string headers {data, len}.
 */
export const BUILDINFO_MAGIC = new Uint8Array([0xff, ...new TextEncoder().encode(" Go buildinf:")]);
const HEADER_SIZE = 32;
const ALIGN = 16;
const FLAG_INLINE = 2;

export interface RawBuildInfo {
  /** Address of the header. */
  addr: bigint;
  /** How it was found. */
  foundBy: "section" | "data-segment" | "scan";
  format: "inline" | "pointer";
  pointerSize: number;
  bigEndian: boolean;
  /** runtime.buildVersion: "go1.22.3". Empty when unreadable. */
  goVersion: string;
  /** Module text without the 16-byte sentinels; "" when absent (GOPATH builds, no modules). */
  moduleText: string;
}

const bad = (message: string, value?: number | bigint | string) => new ElfError("BAD_GO_BUILDINFO", message, undefined, value);

/**
 * Finds the header: in the `.go.buildinfo` section; else in the first writable, non-executable
 * `PT_LOAD` (Go's `elfExe.DataStart`); else, when `scanAll`, in every other data segment. The
 * search is chunked and 16-byte aligned. Returns undefined when there is none.
 */
export async function locateBuildInfo(exe: GoExe, budget: ScanBudget, scanAll: boolean): Promise<{ addr: bigint; foundBy: RawBuildInfo["foundBy"] } | undefined> {
  const section = sectionNamed(exe, ".go.buildinfo");
  const tried: Span[] = [];
  const attempt = async (span: Span, foundBy: RawBuildInfo["foundBy"]) => {
    tried.push(span);
    const addr = await scanSpan(exe, span, BUILDINFO_MAGIC.length, budget, (chunk, at) => {
      for (const i of magicHits(chunk, at, BUILDINFO_MAGIC, ALIGN)) return at + BigInt(i);
      return undefined;
    });
    return addr === undefined ? undefined : { addr, foundBy };
  };
  if (section !== undefined) {
    const hit = await attempt({ addr: section.addr, size: section.size }, "section");
    if (hit !== undefined) return hit;
  }
  const writable = exe.segments.find((s) => s.writable && !s.executable);
  if (writable !== undefined) {
    const hit = await attempt({ addr: writable.addr, size: writable.size }, "data-segment");
    if (hit !== undefined) return hit;
  }
  if (!scanAll) return undefined;
  for (const span of dataSpans(exe, "all")) {
    if (tried.some((t) => t.addr === span.addr)) continue;
    const hit = await attempt(span, "scan");
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** Reads and decodes the build info at `addr`. Throws `ElfError` on damaged data. */
export async function readBuildInfo(exe: GoExe, addr: bigint, foundBy: RawBuildInfo["foundBy"]): Promise<RawBuildInfo> {
  const header = await exe.readVirtual(addr, HEADER_SIZE);
  const pointerSize = header[14]!;
  const flags = header[15]!;
  const base = { addr, foundBy, pointerSize, bigEndian: false };
  if ((flags & FLAG_INLINE) !== 0) {
    const { version, moduleBytes } = await readInline(exe, addr + BigInt(HEADER_SIZE));
    return { ...base, format: "inline", goVersion: version, moduleText: unframe(moduleBytes) };
  }
  if (pointerSize !== 4 && pointerSize !== 8) throw bad("Invalid Go build info pointer size", pointerSize);
  // Bit 0 marks big-endian; Go (buildinfo.go readRawBuildInfo) tests `data[15] != 0`, so do we.
  const bigEndian = flags !== 0;
  const view = new ByteView(header, !bigEndian);
  const version = await readGoString(exe, view.word(16, pointerSize === 8), pointerSize, bigEndian, limits.maxGoVersionLength);
  const module = await readGoString(exe, view.word(16 + pointerSize, pointerSize === 8), pointerSize, bigEndian, limits.maxGoModuleText);
  return { ...base, bigEndian, format: "pointer", goVersion: decodeUtf8(version), moduleText: unframe(module) };
}

/** Two uvarint-prefixed strings (Go 1.18+ `decodeString`), each length checked before reading. */
async function readInline(exe: GoExe, at: bigint): Promise<{ version: string; moduleBytes: Uint8Array }> {
  const version = await readVarintString(exe, at, limits.maxGoVersionLength, "version");
  const moduleBytes = await readVarintString(exe, version.next, limits.maxGoModuleText, "module text");
  return { version: decodeUtf8(version.bytes), moduleBytes: moduleBytes.bytes };
}

async function readVarintString(exe: GoExe, at: bigint, max: number, what: string): Promise<{ bytes: Uint8Array; next: bigint }> {
  const room = segmentAt(exe, at)?.available ?? 0;
  const prefix = await exe.readVirtual(at, Math.min(10, room));
  const { value, next } = readUvarint(prefix, 0);
  if (value > max) throw new ElfError("LIMIT_EXCEEDED", `Go build info ${what} too long`, exe.fileOffset?.(at), value);
  // Go's decodeString: a length running past the data is no string at all.
  if (value > room - next) throw bad(`Go build info ${what} runs past its segment`, value);
  const bytes = await exe.readVirtual(at + BigInt(next), value);
  return { bytes, next: at + BigInt(next + value) };
}

/** A Go string header {data, len} at `addr`, then its bytes (Go 1.13–1.17 `readString`). */
async function readGoString(exe: GoExe, addr: bigint, ptrSize: number, bigEndian: boolean, max: number): Promise<Uint8Array> {
  const hdr = new ByteView(await exe.readVirtual(addr, 2 * ptrSize), !bigEndian);
  const data = hdr.word(0, ptrSize === 8);
  const length = hdr.word(ptrSize, ptrSize === 8);
  if (length > BigInt(max)) throw new ElfError("LIMIT_EXCEEDED", "Go build info string too long", exe.fileOffset?.(addr + BigInt(ptrSize)), length);
  return exe.readVirtual(data, Number(length));
}

/**
 * Drops the 16-byte sentinels around the module text (cmd/go/internal/modload infoStart and
 * infoEnd): Go keeps the text only when `len >= 33 && text[len-17] == '\n'`.
 */
function unframe(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n >= 33 && bytes[n - 17] === 0x0a) return decodeUtf8(bytes.subarray(16, n - 16));
  return "";
}
