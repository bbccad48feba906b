/**
 * elfscope: the browser-safe core. Reads ELF files through a random-access `ByteSource`
 * (bytes, a Blob, or a Node FileHandle from `elfscope/node`) and answers what a container
 * needs: linkage, libc, glibc floor, stripping, Go build info, and the FROM scratch verdict.
 */
import { elfReport, type Report, type ReportOptions } from "./analysis/report.js";
import { ElfFile, type OpenOptions } from "./elf/file.js";
import type { GoInfo } from "./go/index.js";
import { goVersionM, versionMInput, type VersionMOutput } from "./go/render.js";
import { toSource, type Input } from "./input.js";

export { ElfError, isElfError, type ElfErrorCode, type Warning } from "./errors.js";
export { limits, type Limits } from "./limits.js";
export type { ByteSource, ReadStats } from "./io/source.js";
export { fromBytes } from "./io/bytes.js";
export { fromBlob, type BlobLike } from "./io/blob.js";
export { withCache, type CacheOptions } from "./io/cache.js";
export { ElfFile, type OpenOptions } from "./elf/file.js";
export type { ElfHeader } from "./elf/header.js";
export type { Segment, Section } from "./elf/tables.js";
export type { DynamicInfo, DynamicEntry } from "./elf/dynamic.js";
export type { Note, NoteFacts, GnuProperties } from "./elf/notes.js";
export type { VersionNeed, VersionDef } from "./elf/versions.js";
export type { ElfSymbol } from "./elf/symbols.js";
export type { DebugInfo } from "./elf/debug.js";
export * as names from "./elf/constants.js";
export type { Report, ReportOptions, Scratch } from "./analysis/report.js";
export { DEFAULT_PLATFORM } from "./analysis/report.js";
export type { Finding, FindingCode, Severity } from "./analysis/findings.js";
export type { Verdict } from "./analysis/verdict.js";
export type { Hardening } from "./analysis/hardening.js";
export type { Linkage, LinkageKind } from "./analysis/linkage.js";
export type { LibcFamily } from "./analysis/libc.js";
export { parsePlatform, formatPlatform, type Platform } from "./analysis/platform.js";
export { BASE_IMAGES, type BaseImage } from "./analysis/base-images.js";
export type { Input } from "./input.js";
export type { VersionMOutput } from "./go/render.js";

/**
 * What `go version -m FILE` prints for the file a report is of, byte for byte, without a Go
 * toolchain: `ok` with the text in `stdout`, or, where Go fails ("not a Go executable", a module
 * text that does not parse), `ok` false and Go's error line in `stderr`. `path` is the name
 * printed (default: the report's `path`).
 */
export function goVersionText(report: Report, path: string = report.path ?? ""): VersionMOutput {
  return goVersionM(path, versionMInput(report.go as GoInfo | null));
}

/** Opens an ELF file for format-level questions. Headers are parsed now, the rest on demand. */
export async function openElf(input: Input, options: OpenOptions = {}): Promise<ElfFile> {
  return ElfFile.open(toSource(input), options);
}

export interface InspectOptions extends OpenOptions, ReportOptions {}

/**
 * The whole report for one file (DESIGN.md contract v1), with the scratch verdict for
 * `options.platform` (default "linux/amd64"). In lenient mode (the default) damaged structures
 * become `warnings`; only input that is not ELF at all rejects, with an `ElfError`. A malformed
 * `platform` option rejects with a `TypeError` (check it first with `parsePlatform`).
 */
export async function inspect(input: Input, options: InspectOptions = {}): Promise<Report> {
  const elf = await openElf(input, options);
  return elfReport(elf, options);
}
