/**
 * A parser for `readelf -hlSdnW --version-info` text, the reference our ELF layer is checked
 * against. It reads only the fields the tests compare; everything is kept as readelf prints it
 * (numbers parsed, names verbatim).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

export interface ReadelfSegment { type: string; offset: number; vaddr: bigint; filesz: number; memsz: bigint; flags: string; align: bigint }
export interface ReadelfSection { index: number; name: string; type: string; addr: bigint; offset: number; size: number; entsize: number; flags: string; link: number; info: number; align: bigint }
export interface ReadelfDynamic { tag: number; name: string; text: string }
export interface ReadelfNote { section: string; owner: string; size: number; type: string; text: string }
export interface ReadelfReport {
  header: Record<string, string>;
  segments: ReadelfSegment[];
  interpreter: string | undefined;
  sections: ReadelfSection[];
  dynamic: ReadelfDynamic[];
  notes: ReadelfNote[];
  versionNeeds: { file: string; names: string[] }[];
  versionDefs: string[];
}

export function hasReadelf(): boolean {
  try {
    execFileSync("readelf", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** readelf's output for `file`, live when readelf exists, else the golden copy (or undefined). */
export function readelfText(file: string, golden?: string): string | undefined {
  if (hasReadelf()) {
    try {
      return execFileSync("readelf", ["-hlSdnW", "--version-info", file], {
        env: { ...process.env, LC_ALL: "C" },
        stdio: ["ignore", "pipe", "ignore"],
        maxBuffer: 256 * 1024 * 1024,
      }).toString("utf8");
    } catch (e) {
      // readelf exits non-zero on some damaged files but still prints what it read.
      const out = (e as { stdout?: Buffer }).stdout;
      return out?.toString("utf8");
    }
  }
  return golden !== undefined && existsSync(golden) ? readFileSync(golden, "utf8") : undefined;
}

const hexNum = (s: string): number => Number.parseInt(s, 16);
const hexBig = (s: string): bigint => BigInt(s.startsWith("0x") ? s : `0x${s}`);

export function parseReadelf(text: string): ReadelfReport {
  const r: ReadelfReport = {
    header: {}, segments: [], interpreter: undefined, sections: [], dynamic: [], notes: [], versionNeeds: [], versionDefs: [],
  };
  let mode = "";
  let noteSection = "";
  for (const line of text.split("\n")) {
    if (line.startsWith("ELF Header:")) { mode = "header"; continue; }
    if (line.startsWith("Section Headers:")) { mode = "sections"; continue; }
    if (line.startsWith("Program Headers:")) { mode = "segments"; continue; }
    if (line.startsWith(" Section to Segment mapping")) { mode = ""; continue; }
    if (/^Dynamic section at offset/.test(line)) { mode = "dynamic"; continue; }
    if (line.startsWith("Version needs section")) { mode = "verneed"; continue; }
    if (line.startsWith("Version definition section")) { mode = "verdef"; continue; }
    if (line.startsWith("Version symbols section")) { mode = ""; continue; }
    const notes = /^Displaying notes found in: (.*)$/.exec(line) ?? /^Displaying notes found at file offset (0x[0-9a-f]+)/.exec(line);
    if (notes) { mode = "notes"; noteSection = notes[1]!; continue; }
    if (line.startsWith("Key to Flags") || line.startsWith("There are no")) { mode = ""; continue; }

    if (mode === "header") {
      const m = /^\s+([^:]+):\s+(.*)$/.exec(line);
      if (m) r.header[m[1]!.trim()] = m[2]!.trim();
    } else if (mode === "segments") {
      const interp = /\[Requesting program interpreter: (.*)\]/.exec(line);
      if (interp) { r.interpreter = interp[1]; continue; }
      const m = /^\s+(\S+)\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) (...) 0x([0-9a-f]+)$/.exec(line);
      if (m && m[1] !== "Type") {
        r.segments.push({
          type: m[1]!, offset: hexNum(m[2]!), vaddr: hexBig(m[3]!), filesz: hexNum(m[5]!), memsz: hexBig(m[6]!),
          flags: m[7]!.replace(/ /g, ""), align: hexBig(m[8]!),
        });
      }
    } else if (mode === "sections") {
      const m = /^\s+\[\s*(\d+)\](.*)$/.exec(line);
      if (!m) continue;
      const tokens = m[2]!.trim().split(/\s+/);
      const align = BigInt(tokens.pop()!);
      const info = Number(tokens.pop());
      const link = Number(tokens.pop());
      let flags = "";
      if (!/^[0-9a-f]+$/.test(tokens[tokens.length - 1]!)) flags = tokens.pop()!;
      const entsize = hexNum(tokens.pop()!);
      const size = hexNum(tokens.pop()!);
      const offset = hexNum(tokens.pop()!);
      const addr = hexBig(tokens.pop()!);
      const type = tokens.pop()!;
      r.sections.push({ index: Number(m[1]), name: tokens.join(" "), type, addr, offset, size, entsize, flags, link, info, align });
    } else if (mode === "dynamic") {
      const m = /^\s*0x([0-9a-f]+) \(([^)]+)\)\s+(.*)$/.exec(line);
      if (m) r.dynamic.push({ tag: hexNum(m[1]!), name: m[2]!, text: m[3]! });
    } else if (mode === "verneed") {
      const f = /File: (\S+)\s+Cnt:/.exec(line);
      if (f) r.versionNeeds.push({ file: f[1]!, names: [] });
      const n = /Name: (\S+)\s+Flags:/.exec(line);
      if (n) r.versionNeeds[r.versionNeeds.length - 1]?.names.push(n[1]!);
    } else if (mode === "verdef") {
      const n = /Rev: \d+\s+Flags: .*Index: \d+\s+Cnt: \d+\s+Name: (\S+)/.exec(line);
      if (n) r.versionDefs.push(n[1]!);
    } else if (mode === "notes") {
      const m = /^\s{2}(\S.*?)\s+0x([0-9a-f]{8})\t(.*)$/.exec(line);
      if (m && m[1] !== "Owner") {
        r.notes.push({ section: noteSection, owner: m[1]!, size: hexNum(m[2]!), type: m[3]!.split("\t")[0]!.trim(), text: m[3]! });
      } else if (r.notes.length > 0 && line.trim() !== "" && !line.includes("Owner")) {
        r.notes[r.notes.length - 1]!.text += `\n${line.trim()}`;
      }
    }
  }
  return r;
}

/** The build ID readelf printed in a GNU build-id note, if any. */
export function readelfBuildId(r: ReadelfReport): string | undefined {
  for (const n of r.notes) {
    const m = /Build ID: ([0-9a-f]+)/.exec(n.text);
    if (m) return m[1];
  }
  return undefined;
}

export interface ReadelfSymbol {
  index: number;
  /** Without its `@VERSION` suffix. */
  name: string;
  value: bigint;
  /** "FUNC", "OBJECT", "SECTION"… */
  type: string;
  /** "GLOBAL", "WEAK", "LOCAL"… */
  bind: string;
  /** "UND", "ABS" or a section index. */
  ndx: string;
}

/**
 * The `.dynsym` entries readelf lists (`--dyn-syms -W`), the null symbol included; undefined
 * without readelf or a `.dynsym` section (readelf lists no dynamic symbols without section
 * headers).
 */
export function readelfDynamicSymbols(file: string): ReadelfSymbol[] | undefined {
  if (!hasReadelf()) return undefined;
  let text: string;
  try {
    text = execFileSync("readelf", ["--dyn-syms", "-W", file], { env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "pipe", "ignore"], maxBuffer: 256 * 1024 * 1024 }).toString("utf8");
  } catch {
    return undefined;
  }
  const table = text.split("Symbol table '.dynsym'")[1];
  if (table === undefined) return undefined;
  return table
    .split("\n")
    // A binding or type readelf has no name for ("<OS specific>: 10", STB_GNU_UNIQUE) is one field.
    .map((l) => l.trim().replace(/<[^>]*>: (\d+)/g, "other:$1").split(/\s+/))
    .filter((f) => f.length >= 7 && /^\d+:$/.test(f[0]!))
    .map((f) => ({ index: Number(f[0]!.slice(0, -1)), name: (f[7] ?? "").replace(/@.*$/, ""), value: BigInt(`0x${f[1]}`), type: f[3]!, bind: f[4]!, ndx: f[6]! }));
}

/**
 * The imported symbols readelf lists in `.dynsym` (`UND` entries but the null symbol), in table
 * order, without their `@VERSION` suffix; undefined where `readelfDynamicSymbols` is.
 */
export function readelfImports(file: string): string[] | undefined {
  return readelfDynamicSymbols(file)?.filter((s) => s.ndx === "UND" && s.index !== 0).map((s) => s.name);
}
