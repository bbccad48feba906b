import { ElfError } from "../errors.js";
import { decodeUtf8 } from "../io/view.js";
import { limits } from "../limits.js";
import { classifyPackages, type FunctionNames } from "./functions.js";
import { packageOf, unescapePath } from "./packages.js";
import type { FunctionRefs } from "./pclntab.js";

const utf8 = new TextEncoder();

/**
 * The linked functions of a Go 1.16+ pclntab, answered over its function name table
 * (`funcnametab`, NUL-terminated names) read once whole, without copying a name.
 *
 * The name table is not the list of linked functions: the linker writes there the names of
 * inlined callees too (cmd/link/internal/ld/pcln.go `walkFuncs`: every function, then each
 * function's inline tree), and on the Go binaries checked (test/go/names.test.ts) 7–40% of
 * its names, and up to dozens of packages, exist only inlined. So the linked names are the
 * name offsets of the `_func` records (`FunctionRefs`, one pass over functab and the records,
 * no strings), and only those names are split into packages: the answers equal
 * `FunctionIndex`'s over the same table, at a fraction of the cost (no copy, no hash, no sort
 * of names; `size` and `names()` decode on demand, for tests and detail views).
 */
export class LinkedNameTable implements FunctionNames {
  readonly packages: ReadonlySet<string>;
  /** Distinct linked name offsets, ascending. */
  private readonly offs: Uint32Array;
  /** Name ends (offset of the NUL), per `offs` entry. */
  private readonly ends: Uint32Array;
  /**
   * Where each package's names are: runs of `offs` indices `[start, end)` as flat pairs, keyed
   * by the package's bytes as the names spell them (escaped, `%2e`), so a lookup scans only the
   * names that can match instead of every name (a Go caveat asks some 30 questions).
   */
  private readonly runs = new Map<string, number[]>();
  /** `offs` indices of names without a plain package (compiler-generated, brackets): always scanned. */
  private readonly odd: number[] = [];
  private distinctCount: number | undefined;

  /**
   * `table` is the whole name table; `refs` the walk's name offsets and entries (its first
   * `refs.count` functions). Throws `BAD_GO_PCLNTAB` for a name offset outside the table and
   * `BAD_STRING` for a name without its NUL within `limits.maxStringLength`.
   *
   * Only the packages are worked out here, in one pass over the linked names in table order,
   * where a package's functions sit in runs: a name that starts with the previous name's
   * package and a dot, with no slash after it, has that package (`packageOf`'s rule: the first
   * dot after the last slash), so only the first name of each run is parsed for its package
   * (`packageEnd`); the others take one pass to their NUL (`scanName`). Questions about names
   * (`has`, `entry`, `countPrefix`) compare bytes in place, over their package's runs.
   */
  constructor(
    private readonly table: Uint8Array,
    private readonly refs: FunctionRefs,
  ) {
    const n = refs.count;
    // The linker writes names in function order, so the offsets are usually ascending already.
    const sorted = refs.nameOffs.slice(0, n);
    let ascending = true;
    for (let i = 1; i < n && ascending; i++) ascending = sorted[i - 1]! <= sorted[i]!;
    if (!ascending) sorted.sort();
    let distinct = 0;
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!;
    this.offs = sorted.subarray(0, distinct);
    this.ends = new Uint32Array(distinct);
    const pkgs = new Set<string>();
    let prevAt = -1;
    let prevLen = -1;
    let run: number[] | undefined;
    let runStart = 0;
    const close = (k: number): void => {
      if (run !== undefined && k > runStart) run.push(runStart, k);
      run = undefined;
    };
    const max = limits.maxStringLength;
    for (let k = 0; k < distinct; k++) {
      const at = this.offs[k]!;
      if (at >= table.length) throw new ElfError("BAD_GO_PCLNTAB", "Go pclntab reference outside the table", undefined, at);
      const scanned = scanName(table, at, Math.min(table.length, at + max + 1), prevAt, prevLen, this.ends, k);
      if (scanned === UNTERMINATED) throw new ElfError("BAD_STRING", "Go function name not terminated", undefined, at);
      if (scanned === SAME_PACKAGE) continue;
      const end = this.ends[k]!;
      close(k);
      prevLen = -1;
      const pkgEnd = packageEnd(table, at, end);
      if (pkgEnd === NONE || pkgEnd === SLOW) {
        this.odd.push(k);
        if (pkgEnd === SLOW) {
          const p = packageOf(decodeUtf8(table.subarray(at, end)));
          if (p !== undefined) pkgs.add(p);
        }
        continue;
      }
      const raw = decodeUtf8(table.subarray(at, pkgEnd));
      pkgs.add(unescapePath(raw));
      run = this.runs.get(raw);
      if (run === undefined) this.runs.set(raw, (run = []));
      runStart = k;
      prevAt = at;
      prevLen = pkgEnd - at;
    }
    close(distinct);
    this.packages = pkgs;
  }

  /**
   * The index of `table` and `refs`; a damaged reference (name offset outside the table, name
   * without its NUL) ends the functions at the first one in table order that has it, as the
   * streamed walk does: the index keeps the functions before it and the error is returned.
   */
  static build(table: Uint8Array, refs: FunctionRefs): { index: LinkedNameTable; error: ElfError | undefined } {
    let error: ElfError | undefined;
    for (;;) {
      try {
        return { index: new LinkedNameTable(table, refs), error };
      } catch (e) {
        if (!(e instanceof ElfError) || typeof e.value !== "number") throw e;
        error = e;
        const first = refs.nameOffs.subarray(0, refs.count).indexOf(e.value);
        if (first < 0) throw e;
        refs.count = first;
      }
    }
  }

  get empty(): boolean {
    return this.offs.length === 0;
  }

  /** Distinct names (symbols of one name, such as ABI wrappers, count once); counted on first use. */
  get size(): number {
    this.distinctCount ??= this.distinct().length;
    return this.distinctCount;
  }

  names(): string[] {
    const ks = this.distinct();
    ks.sort((a, b) => this.compare(a, b));
    return ks.map((k) => this.name(k));
  }

  has(name: string): boolean {
    return this.matches(utf8.encode(name), false) > 0;
  }

  /** The first function in table order with this name (as `FunctionIndex`). */
  entry(name: string): bigint | undefined {
    const bytes = utf8.encode(name);
    const wanted = new Set<number>();
    this.matches(bytes, false, (k) => void wanted.add(this.offs[k]!));
    if (wanted.size === 0) return undefined;
    const { nameOffs, entries, count } = this.refs;
    for (let i = 0; i < count; i++) {
      if (wanted.has(nameOffs[i]!)) {
        const e = entries[i]!;
        return Number.isSafeInteger(e) ? BigInt(e) : undefined;
      }
    }
    return undefined;
  }

  hasPrefix(prefix: string): boolean {
    return this.matches(utf8.encode(prefix), true) > 0;
  }

  countPrefix(prefix: string): number {
    const seen = new Set<string>();
    this.matches(utf8.encode(prefix), true, (k) => void seen.add(this.name(k)));
    return seen.size;
  }

  classify(modulePaths: readonly string[]): { std: string[]; thirdParty: string[] } {
    return classifyPackages(this.packages, modulePaths);
  }

  /**
   * Linked names equal to `p` (or starting with it), each handed to `use` (in no particular
   * order); without `use`, stops at the first. A linear pass over the candidates with a length
   * and first-byte test: about a nanosecond a name.
   */
  private matches(p: Uint8Array, prefix: boolean, use?: (k: number) => void): number {
    const ranges = this.candidates(p, prefix);
    const { offs, ends, table: t } = this;
    const len = p.length;
    const b0 = len > 0 ? p[0]! : -1;
    let found = 0;
    const test = (k: number): boolean => {
      const at = offs[k]!;
      const l = ends[k]! - at;
      if (prefix ? l < len : l !== len) return false;
      if (len > 0 && t[at] !== b0) return false;
      let i = 1;
      while (i < len && t[at + i] === p[i]) i++;
      if (i < len) return false;
      found++;
      use?.(k);
      return use === undefined;
    };
    if (ranges === undefined) {
      for (let k = 0; k < offs.length; k++) if (test(k)) return found;
      return found;
    }
    // Order does not matter to any caller: `has` stops at the first, the others collect sets.
    for (const k of this.odd) if (test(k)) return found;
    for (const r of ranges) for (let i = 0; i < r.length; i += 2) for (let k = r[i]!; k < r[i + 1]!; k++) if (test(k)) return found;
    return found;
  }

  /**
   * The runs that can hold a name equal to `p` (or starting with it), as the constructor
   * assigned packages (the first dot after the last slash), besides the odd names:
   * - `p` has a plain package part: that package's runs; for a prefix also the packages that
   *   start with "package." (`a/b.c/d.F` is package `a/b.c/d`: a slash further on moves it);
   * - `p` has no dot after its last slash: an equal name has no package either (odd names
   *   only); a longer one has a package that starts with `p`;
   * - otherwise (brackets up front) every name is a candidate: undefined.
   */
  private candidates(p: Uint8Array, prefix: boolean): number[][] | undefined {
    const end = packageEnd(p, 0, p.length);
    if (end === SLOW) return undefined;
    const out: number[][] = [];
    if (end === NONE) {
      if (!prefix) return out;
      const text = decodeUtf8(p);
      for (const [key, r] of this.runs) if (key.startsWith(text)) out.push(r);
      return out;
    }
    const raw = decodeUtf8(p.subarray(0, end));
    const own = this.runs.get(raw);
    if (own !== undefined) out.push(own);
    if (prefix) for (const [key, r] of this.runs) if (key.length > raw.length && key.startsWith(raw + ".")) out.push(r);
    return out;
  }

  /** `offs` indices of the first of each distinct name. */
  private distinct(): number[] {
    const seen = new Set<string>();
    const ks: number[] = [];
    for (let k = 0; k < this.offs.length; k++) {
      const n = this.name(k);
      if (seen.has(n)) continue;
      seen.add(n);
      ks.push(k);
    }
    return ks;
  }

  private name(k: number): string {
    return decodeUtf8(this.table.subarray(this.offs[k]!, this.ends[k]!));
  }

  /** Byte order of names `a` and `b` (Go's string order). */
  private compare(a: number, b: number): number {
    const t = this.table;
    const pa = this.offs[a]!;
    const pb = this.offs[b]!;
    const la = this.ends[a]! - pa;
    const lb = this.ends[b]! - pb;
    const n = Math.min(la, lb);
    for (let i = 0; i < n; i++) {
      const d = t[pa + i]! - t[pb + i]!;
      if (d !== 0) return d;
    }
    return la - lb;
  }
}

const SLOW = -1;
const NONE = -2;

const SAME_PACKAGE = 0;
const NEW_PACKAGE = 1;
const UNTERMINATED = 2;

/**
 * One pass over the name at `at` to its NUL (before `stop`), stored in `ends[k]`: a loop, as
 * `indexOf` costs more per call than these short names do. A name that starts with the
 * previous name's package (`prevLen` bytes at `prevAt`) and a dot keeps that package unless a
 * slash follows, which the same pass watches for.
 */
function scanName(t: Uint8Array, at: number, stop: number, prevAt: number, prevLen: number, ends: Uint32Array, k: number): number {
  const same = prevLen >= 0 && t[at + prevLen] === DOT && sameBytes(t, prevAt, at, prevLen);
  let end = same ? at + prevLen + 1 : at;
  let slash = false;
  if (same) {
    for (; end < stop; end++) {
      const b = t[end]!;
      if (b === 0) break;
      if (b === SLASH) slash = true;
    }
  } else {
    while (end < stop && t[end] !== 0) end++;
  }
  if (end >= stop) return UNTERMINATED;
  ends[k] = end;
  return same && !slash ? SAME_PACKAGE : NEW_PACKAGE;
}

const DOT = 0x2e;
const SLASH = 0x2f;

/**
 * The end of the package of the name `t[at, end)` as `packageOf` finds it (the first dot after
 * the last slash, instantiation brackets skipped) when that is a plain byte range (`%`
 * escapes are undone on the string by the caller): NONE for compiler-generated names (`go:`,
 * `type:`, `type.`, `go.` without a slash) and names without a package, SLOW for names
 * `packageOf` must see as a string (a package part that is not before the first bracket).
 */
function packageEnd(t: Uint8Array, at: number, end: number): number {
  let depth = 0;
  let bracket = -1;
  let slash = -1;
  let dot = -1;
  for (let k = at; k < end; k++) {
    const b = t[k]!;
    if (b === 0x5b /* [ */) {
      if (bracket < 0) bracket = k;
      depth++;
    } else if (b === 0x5d /* ] */ && bracket >= 0) depth--;
    else if (depth !== 0) continue;
    else if (b === SLASH) {
      slash = k;
      dot = -1;
    } else if (b === DOT && dot < 0) dot = k;
  }
  const c0 = t[at];
  // A bracket among the first bytes could hide a compiler prefix: leave that to `packageOf`.
  if (bracket >= 0 && bracket < at + 5) return SLOW;
  if ((c0 === 0x67 /* g */ && (startsWith(t, at, end, "go:") || (slash < 0 && startsWith(t, at, end, "go.")))) ||
    (c0 === 0x74 /* t */ && (startsWith(t, at, end, "type:") || startsWith(t, at, end, "type.")))) {
    return NONE;
  }
  if (bracket >= 0 && (dot < 0 || dot > bracket)) return SLOW;
  return dot <= at ? NONE : dot;
}

function startsWith(t: Uint8Array, at: number, end: number, s: string): boolean {
  if (end - at < s.length) return false;
  for (let i = 0; i < s.length; i++) if (t[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

function sameBytes(t: Uint8Array, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (t[a + i] !== t[b + i]) return false;
  return true;
}
