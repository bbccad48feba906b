/**
 * The human report. It only formats what the report already says: every judgement (linkage,
 * verdict, findings) comes from the library, so the text and `--json` cannot disagree. Fields
 * the report does not carry (an older or partial report) are simply not printed.
 */
import { styleText } from "node:util";
import type { GoInfo } from "../go/index.js";
import type { Report } from "../index.js";
import type { Outcome } from "./scan.js";

/** The report as rendered: `go` is typed `unknown` in `Report` (the Go layer owns its shape). */
export type View = Omit<Report, "go"> & { go: GoInfo | null };
type Scratch = Report["scratch"];

type Style = Parameters<typeof styleText>[0];
export type Paint = (style: Style, text: string) => string;

/** Colour is decided once by the caller (TTY, NO_COLOR, --color); styleText must not re-decide. */
export function painter(enabled: boolean): Paint {
  return enabled ? (style, text) => styleText(style, text, { validateStream: false }) : (_s, text) => text;
}

// `file`'s words for the object types and the common machines; anything else keeps its
// specification name (EM_RISCV), which is what readelf users search for anyway.
const MACHINES: Record<string, string> = {
  EM_X86_64: "x86-64",
  EM_386: "Intel 80386",
  EM_AARCH64: "ARM aarch64",
  EM_ARM: "ARM",
  EM_MIPS: "MIPS",
  EM_PPC64: "64-bit PowerPC",
  EM_PPC: "PowerPC",
  EM_RISCV: "RISC-V",
  EM_S390: "IBM S/390",
  EM_LOONGARCH: "LoongArch",
  EM_SPARCV9: "SPARC V9",
};

function objectKind(r: View): string {
  switch (r.elf.type) {
    case "ET_EXEC":
      return "executable";
    case "ET_DYN":
      return r.dynamic?.flags1.includes("DF_1_PIE") ? "pie executable" : "shared object";
    case "ET_REL":
      return "relocatable";
    case "ET_CORE":
      return "core file";
    default:
      return r.elf.type;
  }
}

/** The `file`-like first line: "ELF 64-bit LSB pie executable, x86-64, linux/amd64". */
export function identity(r: View): string {
  const parts = [
    `ELF ${r.elf.class}-bit ${r.elf.endian === "little" ? "LSB" : "MSB"} ${objectKind(r)}`,
    MACHINES[r.elf.machine] ?? r.elf.machine,
  ];
  if (r.platform) parts.push(r.platform);
  return parts.join(", ");
}

const VERDICT_STYLE: Record<string, Style> = {
  runs: "green",
  "runs-with-caveats": "yellow",
  fails: "red",
  unknown: "gray",
};

export function verdictText(verdict: string, paint: Paint): string {
  return paint(VERDICT_STYLE[verdict] ?? "gray", verdict);
}

const SEVERITY_STYLE: Record<string, Style> = { blocker: "red", caveat: "yellow", info: "cyan" };

function field(label: string, value: string): string {
  return `  ${label.padEnd(12)} ${value}`;
}

/** checksec-style words for a check: true/false, null = could not tell, or "not-applicable". */
function check(v: boolean | string | null): string {
  return v === true ? "yes" : v === false ? "no" : v === null ? "unknown" : v === "not-applicable" ? "n/a" : v;
}

function linkageLine(r: View): string | undefined {
  const { kind, libc } = r.linkage;
  if (kind === null) return undefined;
  return libc ? `${kind}, ${libc}` : kind;
}

function debugLine(r: View): string {
  const d = r.debug;
  const parts = [d.stripped ? "stripped" : d.symtab ? "symbols" : "no symbol table"];
  if (d.dwarf) parts.push(d.dwarfCompressed ? "DWARF (compressed)" : "DWARF");
  if (d.debuglink) parts.push(`debuglink ${d.debuglink}`);
  return parts.join(", ");
}

function goLine(go: GoInfo): string {
  const parts = [go.version ?? "version unknown"];
  if (go.main) parts.push(`${go.main.path} ${go.main.version}`);
  else if (go.path) parts.push(go.path);
  if (go.cgoEnabled !== null) parts.push(`CGO_ENABLED=${go.cgoEnabled}`);
  if (go.cgo !== null) parts.push(go.cgo ? "cgo linked" : "no cgo");
  if (go.deps.length > 0) parts.push(`${go.deps.length} dependenc${go.deps.length === 1 ? "y" : "ies"}`);
  return parts.join(", ");
}

function hardeningLine(r: Report): string {
  const h = r.hardening;
  // A shared object is not a program: "DSO", as checksec.sh prints it, rather than "PIE no".
  const pie = !h.pie && r.elf.type === "ET_DYN" ? "DSO" : check(h.pie);
  const parts = [`PIE ${pie}`, `NX ${check(h.nx)}`, `RELRO ${h.relro}`, `BIND_NOW ${check(h.bindNow)}`, `canary ${check(h.canary)}`, `fortify ${check(h.fortify)}`];
  if (h.textrel) parts.push("TEXTREL");
  return parts.join(", ");
}

function scratchLines(s: Scratch, paint: Paint, brief: boolean): string[] {
  const lines = [field("scratch", `${verdictText(s.verdict, paint)} on ${s.platform}`)];
  // Brief: what stops it or will break it, one line each; the full report adds evidence and fix.
  for (const f of brief ? s.findings.filter((x) => x.severity !== "info") : s.findings) {
    const tag = paint(SEVERITY_STYLE[f.severity] ?? "gray", `[${f.severity}]`);
    lines.push(`    ${tag} ${paint("bold", f.code)}: ${brief ? firstSentence(f.message) : f.message}`);
    if (brief) continue;
    for (const e of f.evidence) lines.push(`      evidence: ${e}`);
    if (f.fix !== "") lines.push(`      fix: ${f.fix}`);
  }
  // The smallest image that would run it as is: the practical answer when scratch will not do.
  if (s.verdict !== "runs" && s.base !== null && s.base !== "scratch") lines.push(field("base", s.base));
  return lines;
}

/** The message up to its first full stop: a finding's messages lead with the consequence. */
function firstSentence(message: string): string {
  const m = /^(.*?\.)(\s|$)/.exec(message);
  return m?.[1] ?? message;
}

/** The full report for one file; `brief` keeps the identity, linkage, Go and the verdict. */
export function renderText(o: Extract<Outcome, { kind: "report" }>, paint: Paint, withStats: boolean, brief = false): string {
  const r = o.report as View;
  const lines = [`${paint("bold", o.path)}: ${identity(r)}`];
  const linkage = linkageLine(r);
  if (linkage !== undefined) lines.push(field("linkage", linkage));
  if (r.interpreter !== null) lines.push(field("interpreter", r.interpreter));
  if (r.dynamic !== null) {
    if (r.dynamic.needed.length > 0) lines.push(field("needed", r.dynamic.needed.join(", ")));
    if (r.dynamic.soname !== null) lines.push(field("soname", r.dynamic.soname));
    if (r.dynamic.runpath.length > 0) lines.push(field("runpath", r.dynamic.runpath.join(":")));
    if (r.dynamic.rpath.length > 0) lines.push(field("rpath", r.dynamic.rpath.join(":")));
  }
  if (r.versions.glibc !== null) lines.push(field("glibc floor", r.versions.glibc));
  if (!brief) lines.push(field("debug", debugLine(r)));
  if (r.go !== null) lines.push(field("go", goLine(r.go)));
  // The Go layer's notes on build settings that contradict the linked code, verbatim.
  if (!brief) for (const note of [r.go?.cgoDisagreement, r.go?.buildmodeDisagreement]) if (note) lines.push(field("", paint("yellow", note)));
  if (!brief) lines.push(field("hardening", hardeningLine(r)));
  lines.push(...scratchLines(r.scratch, paint, brief));
  if (brief && r.warnings.length > 0) lines.push(field("warnings", paint("yellow", `${r.warnings.length} (the full report lists them)`)));
  else for (const w of r.warnings) {
    const at = w.offset !== null ? ` at offset 0x${w.offset.toString(16)}` : "";
    lines.push(field("warning", paint("yellow", `${w.message}${at} (${w.code})`)));
  }
  if (withStats) lines.push(field("stats", statsText(o.stats.bytesRead, o.stats.calls, o.ms)));
  return lines.join("\n") + "\n";
}

/** `--scratch`: one line per file, "path: verdict (CODE, CODE)". */
export function renderScratchLine(o: Extract<Outcome, { kind: "report" }>, paint: Paint): string {
  const s = (o.report as View).scratch;
  const codes = s.findings.filter((f) => f.severity !== "info").map((f) => f.code);
  return `${o.path}: ${verdictText(s.verdict, paint)}${codes.length > 0 ? ` (${codes.join(", ")})` : ""}\n`;
}

export function statsText(bytes: number, calls: number, ms: number): string {
  return `read ${bytes.toLocaleString("en-US")} bytes in ${calls} calls, ${ms.toFixed(1)} ms`;
}

/** Columns padded to the widest cell; the last column is not padded (no trailing spaces). */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")).join("\n") + "\n";
}

/** One summary row per report, for multi-file runs. */
export function summaryRow(o: Extract<Outcome, { kind: "report" }>): string[] {
  const r = o.report as View;
  return [o.path, r.platform ?? "-", linkageLine(r) ?? "-", r.scratch.verdict];
}
