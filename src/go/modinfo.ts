import { goQuote, goUnquote, quotedPrefixLength } from "./quote.js";

/** A module line: `mod`, `dep` or `=>` (Go runtime/debug.Module). */
export interface GoModule {
  path: string;
  version: string;
  sum: string;
  replace: GoModule | null;
}

export interface GoSetting {
  key: string;
  value: string;
}

/** The parsed module text (Go runtime/debug.BuildInfo without GoVersion). */
export interface ModuleInfo {
  path: string;
  main: GoModule | null;
  deps: GoModule[];
  /** `build` lines in order, duplicates kept, values unquoted. */
  settings: GoSetting[];
}

/** `debug.ParseBuildInfo`'s error, with its line number: the text `go version -m` prints. */
export class ModuleTextError {
  constructor(readonly line: number, readonly reason: string) {}
  get message(): string {
    return `could not parse Go build info: line ${this.line}: ${this.reason}`;
  }
}

// Go src/runtime/debug/mod.go quoteKey/quoteValue.
const needsQuotedKey = (k: string): boolean => k.length === 0 || /[= \t\r\n"`]/.test(k);
const needsQuotedValue = (v: string): boolean => /[ \t\r\n"`]/.test(v);

function moduleLine(cols: string[]): GoModule | string {
  if (cols.length !== 2 && cols.length !== 3) return `expected 2 or 3 columns; got ${cols.length}`;
  return { path: cols[0]!, version: cols[1]!, sum: cols[2] ?? "", replace: null };
}

/** One `build` line's key and value (the quoted/unquoted cases of ParseBuildInfo). */
function parseSetting(kv: string): GoSetting | string {
  if (kv.length < 1) return "build line missing '='";
  let key: string;
  let raw: string;
  if (kv[0] === "=") return "build line with missing key";
  if (kv[0] === "`" || kv[0] === '"') {
    const n = quotedPrefixLength(kv);
    if (n === undefined) return "invalid quoted key in build line";
    if (n === kv.length) return "build line missing '=' after quoted key";
    if (kv[n] !== "=") return `unexpected character after quoted key: ${goQuote(kv[n]!).replace(/^"|"$/g, "'")}`;
    key = goUnquote(kv.slice(0, n)) ?? "";
    raw = kv.slice(n + 1);
  } else {
    const eq = kv.indexOf("=");
    if (eq < 0) return "build line missing '=' after key";
    key = kv.slice(0, eq);
    raw = kv.slice(eq + 1);
    if (needsQuotedKey(key)) return `unquoted key ${goQuote(key)} must be quoted`;
  }
  let value = raw;
  if (raw[0] === "`" || raw[0] === '"') {
    const v = goUnquote(raw);
    if (v === undefined) return "invalid quoted value in build line";
    value = v;
  } else if (needsQuotedValue(raw)) {
    return `unquoted value ${goQuote(raw)} must be quoted`;
  }
  return { key, value };
}

/**
 * Parses module text as Go's `debug.ParseBuildInfo` (Go 1.18+, src/runtime/debug/mod.go):
 * lines are cut at "\n" and a last line without one is ignored; unknown lines are skipped.
 * Unlike Go, a bad line does not discard everything: the lines before it are returned with the
 * error, so lenient callers keep a partial result.
 */
export function parseModuleText(text: string): { info: ModuleInfo; error: ModuleTextError | undefined } {
  const info: ModuleInfo = { path: "", main: null, deps: [], settings: [] };
  let last: GoModule | null = null;
  let lineNum = 1;
  let rest = text;
  const fail = (reason: string) => ({ info, error: new ModuleTextError(lineNum, reason) });
  while (rest.length > 0) {
    const nl = rest.indexOf("\n");
    if (nl < 0) break;
    const line = rest.slice(0, nl);
    rest = rest.slice(nl + 1);
    const cols = (prefix: string) => line.slice(prefix.length).split("\t");
    if (line.startsWith("path\t")) {
      info.path = line.slice(5);
    } else if (line.startsWith("mod\t") || line.startsWith("dep\t")) {
      const m = moduleLine(cols("mod\t"));
      if (typeof m === "string") return fail(m);
      if (line[0] === "m") info.main = m;
      else info.deps.push(m);
      last = m;
    } else if (line.startsWith("=>\t")) {
      const c = cols("=>\t");
      if (c.length !== 3) return fail(`expected 3 columns for replacement; got ${c.length}`);
      if (last === null) return fail("replacement with no module on previous line");
      last.replace = { path: c[0]!, version: c[1]!, sum: c[2]!, replace: null };
      last = null;
    } else if (line.startsWith("build\t")) {
      const s = parseSetting(line.slice(6));
      if (typeof s === "string") return fail(s);
      info.settings.push(s);
    }
    lineNum++;
  }
  return { info, error: undefined };
}

function formatModule(word: string, m: GoModule): string {
  const head = `${word}\t${m.path}\t${m.version}`;
  return m.replace === null ? `${head}\t${m.sum}\n` : `${head}\n${formatModule("=>", m.replace)}\n`;
}

/**
 * `debug.BuildInfo.String()` with an empty GoVersion (as `go version -m` calls it). A `mod`
 * line is written only for a non-empty main module, as Go compares `bi.Main != (Module{})`.
 */
export function moduleInfoString(info: ModuleInfo): string {
  let out = "";
  if (info.path !== "") out += `path\t${info.path}\n`;
  const m = info.main;
  if (m !== null && (m.path !== "" || m.version !== "" || m.sum !== "" || m.replace !== null)) out += formatModule("mod", m);
  for (const d of info.deps) out += formatModule("dep", d);
  for (const s of info.settings) {
    const key = needsQuotedKey(s.key) ? goQuote(s.key) : s.key;
    const value = needsQuotedValue(s.value) ? goQuote(s.value) : s.value;
    out += `build\t${key}=${value}\n`;
  }
  return out;
}
