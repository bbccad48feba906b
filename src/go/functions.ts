import { ElfError } from "../errors.js";
import { decodeUtf8 } from "../io/view.js";
import { limits } from "../limits.js";
import { isStandardPackage, packageOf } from "./packages.js";

/** Arena chunk size: a name (≤ `limits.maxStringLength`) never straddles two chunks. */
const CHUNK = 1 << 20;
const FIRST_CHUNK = 16 * 1024;
const utf8 = new TextEncoder();

/**
 * Receives pclntab's functions in table order: the name is `bytes[start, end)` (valid only
 * during the call), `entry` its entry PC (NaN when unknown).
 */
export interface FunctionSink {
  add(bytes: Uint8Array, start: number, end: number, entry: number): void;
}

/**
 * The linked Go functions and packages, for fast questions ("is crypto/x509 linked?", "where
 * does time.LoadLocation start?"). Two implementations: `FunctionIndex` (every name copied
 * and indexed while the 1.2 layout's function table streams in) and `LinkedNameTable`
 * (names.ts: Go 1.16+, answered in place over the function name table).
 */
export interface FunctionNames {
  /** Packages with at least one linked function. */
  readonly packages: ReadonlySet<string>;
  /** Distinct function names (may be counted on first use: test `empty` for "any?"). */
  readonly size: number;
  /** No function was read. */
  readonly empty: boolean;
  /** Every distinct name, sorted by UTF-8 bytes (Go's string order); decoded on each call. */
  names(): string[];
  has(name: string): boolean;
  /** The entry address of function `name`, when pclntab gave one. */
  entry(name: string): bigint | undefined;
  hasPrefix(prefix: string): boolean;
  /** How many distinct names start with `prefix`. */
  countPrefix(prefix: string): number;
  /** Packages split by Go's standard-library rule, refined by the module paths. */
  classify(modulePaths: readonly string[]): { std: string[]; thirdParty: string[] };
}

/**
 * Function names as UTF-8 bytes in chunks of at most 1 MiB (a name never straddles two), each
 * name a start and a length in typed arrays: no JS string per function.
 */
class NameStore {
  readonly chunks: Uint8Array[] = [new Uint8Array(FIRST_CHUNK)];
  private used = 0;
  private total = 0;

  constructor(
    public starts: Uint32Array,
    public lengths: Uint32Array,
  ) {}

  /** Stores `bytes[start, end)` as name `i`. */
  put(i: number, bytes: Uint8Array, start: number, end: number): void {
    const len = end - start;
    this.total += len;
    if (this.total > limits.maxGoNameTable) throw new ElfError("LIMIT_EXCEEDED", "Go function names too large", undefined, this.total);
    let last = this.chunks[this.chunks.length - 1]!;
    if (this.used + len > last.length && this.chunks.length === 1 && last.length < CHUNK) {
      // Grow the first chunk by doubling, so a small binary allocates little.
      let size = last.length;
      while (size < this.used + len && size < CHUNK) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(last.subarray(0, this.used));
      this.chunks[0] = last = grown;
    }
    if (this.used + len > last.length) {
      this.chunks.push((last = new Uint8Array(CHUNK)));
      this.used = 0;
    }
    last.set(bytes.subarray(start, end), this.used);
    this.starts[i] = (this.chunks.length - 1) * CHUNK + this.used;
    this.lengths[i] = len;
    this.used += len;
  }

  chunk(i: number): Uint8Array {
    return this.chunks[Math.floor(this.starts[i]! / CHUNK)]!;
  }

  at(i: number): number {
    return this.starts[i]! % CHUNK;
  }

  name(i: number): string {
    const at = this.at(i);
    return decodeUtf8(this.chunk(i).subarray(at, at + this.lengths[i]!));
  }

  equals(i: number, bytes: Uint8Array, start: number, end: number): boolean {
    const len = this.lengths[i]!;
    if (len !== end - start) return false;
    const c = this.chunk(i);
    const at = this.at(i);
    for (let k = 0; k < len; k++) if (c[at + k] !== bytes[start + k]) return false;
    return true;
  }

  /** Byte order of name `i` against `p` (Go's string order). */
  compareWith(i: number, p: Uint8Array, pAt = 0, pLen = p.length): number {
    const c = this.chunk(i);
    const at = this.at(i);
    const len = this.lengths[i]!;
    const n = Math.min(len, pLen);
    for (let k = 0; k < n; k++) {
      const d = c[at + k]! - p[pAt + k]!;
      if (d !== 0) return d;
    }
    return len - pLen;
  }

  compare(i: number, j: number): number {
    return this.compareWith(i, this.chunk(j), this.at(j), this.lengths[j]!);
  }

  startsWith(i: number, p: Uint8Array): boolean {
    if (this.lengths[i]! < p.length) return false;
    const c = this.chunk(i);
    const at = this.at(i);
    for (let k = 0; k < p.length; k++) if (c[at + k] !== p[k]) return false;
    return true;
  }
}

/** Open addressing over a power-of-two table of function numbers (-1: empty). */
function newSlots(capacity: number): Int32Array {
  let size = 16;
  while (size < 2 * capacity) size *= 2;
  return new Int32Array(size).fill(-1);
}

/** The slot holding a name equal to `bytes[start, end)`, or the empty slot where it would go. */
function slotOf(slots: Int32Array, store: NameStore, bytes: Uint8Array, start: number, end: number): number {
  const mask = slots.length - 1;
  let s = hash(bytes, start, end) & mask;
  while (slots[s]! >= 0 && !store.equals(slots[s]!, bytes, start, end)) s = (s + 1) & mask;
  return s;
}

/**
 * The linked Go functions and packages, for fast questions ("is crypto/x509 linked?", "where
 * does time.LoadLocation start?"). Names are kept once, as UTF-8 bytes (`NameStore`), not as
 * tens of thousands of JS strings: per function a start, a length and an entry in typed arrays,
 * a hash slot and a sort position, and no per-name garbage while the table streams in.
 * Duplicate names keep the first entry.
 */
export class FunctionIndex implements FunctionNames {
  readonly packages: ReadonlySet<string>;

  /** @internal built by `FunctionIndexBuilder`. */
  constructor(
    private readonly store: NameStore,
    private readonly entries: Float64Array,
    private readonly slots: Int32Array,
    /** Function numbers in byte order of their names. */
    private readonly sorted: Uint32Array,
  ) {
    this.packages = collectPackages(store, sorted);
  }

  /** From names as strings (synthetic inputs, tests); `entries[i]` belongs to `names[i]`. */
  static fromNames(names: Iterable<string>, entries?: readonly (number | bigint)[]): FunctionIndex {
    const list = [...names];
    const b = new FunctionIndexBuilder(list.length);
    list.forEach((n, i) => {
      const bytes = utf8.encode(n);
      const e = entries?.[i];
      b.add(bytes, 0, bytes.length, e === undefined ? NaN : Number(e));
    });
    return b.finish();
  }

  /** Distinct function names. */
  get size(): number {
    return this.sorted.length;
  }

  get empty(): boolean {
    return this.sorted.length === 0;
  }

  /** Every name, sorted (by UTF-8 bytes, as Go sorts strings); decoded on each call. */
  names(): string[] {
    return Array.from(this.sorted, (i) => this.store.name(i));
  }

  has(name: string): boolean {
    return this.find(name) >= 0;
  }

  /** The entry address of function `name`, when pclntab gave one. */
  entry(name: string): bigint | undefined {
    const i = this.find(name);
    const e = i < 0 ? NaN : this.entries[i]!;
    return Number.isSafeInteger(e) ? BigInt(e) : undefined;
  }

  /** Some function name starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    return this.countPrefix(prefix) > 0;
  }

  /** How many distinct names start with `prefix` (binary search to the first, then a walk). */
  countPrefix(prefix: string): number {
    const p = utf8.encode(prefix);
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.store.compareWith(this.sorted[mid]!, p) < 0) lo = mid + 1;
      else hi = mid;
    }
    let n = 0;
    while (lo + n < this.sorted.length && this.store.startsWith(this.sorted[lo + n]!, p)) n++;
    return n;
  }

  /** Packages split by Go's standard-library rule, refined by the module paths. */
  classify(modulePaths: readonly string[]): { std: string[]; thirdParty: string[] } {
    return classifyPackages(this.packages, modulePaths);
  }

  private find(name: string): number {
    const bytes = utf8.encode(name);
    return this.slots[slotOf(this.slots, this.store, bytes, 0, bytes.length)]!;
  }
}

/** Builds a `FunctionIndex` from a streamed table of at most `capacity` functions. */
export class FunctionIndexBuilder implements FunctionSink {
  private readonly store: NameStore;
  private readonly entries: Float64Array;
  private readonly slots: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.store = new NameStore(new Uint32Array(capacity), new Uint32Array(capacity));
    this.entries = new Float64Array(capacity);
    this.slots = newSlots(capacity);
  }

  add(bytes: Uint8Array, start: number, end: number, entry: number): void {
    const s = slotOf(this.slots, this.store, bytes, start, end);
    if (this.slots[s]! >= 0) return;
    if (this.count === this.entries.length) throw new ElfError("LIMIT_EXCEEDED", "Too many Go functions", undefined, this.count + 1);
    const i = this.count++;
    this.store.put(i, bytes, start, end);
    this.entries[i] = entry;
    this.slots[s] = i;
  }

  /** The index of the names added so far. */
  finish(): FunctionIndex {
    const n = this.count;
    const sorted = new Uint32Array(n);
    for (let i = 0; i < n; i++) sorted[i] = i;
    const store = this.store;
    sorted.sort((a, b) => store.compare(a, b));
    store.starts = store.starts.subarray(0, n);
    store.lengths = store.lengths.subarray(0, n);
    return new FunctionIndex(store, this.entries.subarray(0, n), this.slots, sorted);
  }
}

/** FNV-1a over `bytes[start, end)`. */
export function hash(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
  return h >>> 0;
}

const SLOW = -1;
const NONE = -2;
const SLASH = 0x2f;
const DOT = 0x2e;

/**
 * `packageOf` on bytes for the common case: the end of the package part of `c[at, end)`, NONE
 * for a compiler-generated name (`go:`, `type:`, `type.`, `go.` without a slash) or one with
 * no package, SLOW for names `packageOf` must see as a string (brackets, `%` escapes).
 */
function plainPackageEnd(c: Uint8Array, at: number, end: number): number {
  let slash = -1;
  for (let k = at; k < end; k++) {
    const b = c[k]!;
    if (b === 0x5b /* [ */ || b === 0x25 /* % */) return SLOW;
    if (b === SLASH) slash = k;
  }
  if (startsWithAscii(c, at, end, "go:") || startsWithAscii(c, at, end, "type:") || startsWithAscii(c, at, end, "type.")) return NONE;
  if (startsWithAscii(c, at, end, "go.") && slash < 0) return NONE;
  const dot = c.subarray(slash < 0 ? at : slash, end).indexOf(DOT);
  if (dot < 0) return NONE;
  const pkgEnd = (slash < 0 ? at : slash) + dot;
  return pkgEnd <= at ? NONE : pkgEnd;
}

function startsWithAscii(c: Uint8Array, at: number, end: number, s: string): boolean {
  if (end - at < s.length) return false;
  for (let k = 0; k < s.length; k++) if (c[at + k] !== s.charCodeAt(k)) return false;
  return true;
}

function sameBytes(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (a[aAt + k] !== b[bAt + k]) return false;
  return true;
}

/**
 * The package of every name (`packageOf`), decoding only what it must: a plain name's package
 * is found on its bytes and compared with the previous one (names in sorted or table order
 * share packages in runs), so a string is made per package run, not per function.
 */
export class PackageCollector {
  readonly packages = new Set<string>();
  private prev: { chunk: Uint8Array; at: number; len: number } | undefined;

  /** Adds the package of the name `chunk[at, end)`, if it has one. */
  add(chunk: Uint8Array, at: number, end: number): void {
    const pkgEnd = plainPackageEnd(chunk, at, end);
    if (pkgEnd === SLOW) {
      const p = packageOf(decodeUtf8(chunk.subarray(at, end)));
      if (p !== undefined) this.packages.add(p);
      return;
    }
    if (pkgEnd === NONE) return;
    const len = pkgEnd - at;
    const prev = this.prev;
    if (prev !== undefined && prev.len === len && sameBytes(prev.chunk, prev.at, chunk, at, len)) return;
    this.prev = { chunk, at, len };
    this.packages.add(decodeUtf8(chunk.subarray(at, pkgEnd)));
  }
}

function collectPackages(store: NameStore, sorted: Uint32Array): Set<string> {
  const c = new PackageCollector();
  for (const i of sorted) {
    const at = store.at(i);
    c.add(store.chunk(i), at, at + store.lengths[i]!);
  }
  return c.packages;
}

/** Packages split by Go's standard-library rule, refined by the module paths, each sorted. */
export function classifyPackages(packages: ReadonlySet<string>, modulePaths: readonly string[]): { std: string[]; thirdParty: string[] } {
  const std: string[] = [];
  const thirdParty: string[] = [];
  for (const p of [...packages].sort(compare)) (isStandardPackage(p, modulePaths) ? std : thirdParty).push(p);
  return { std, thirdParty };
}

/** Code-unit order, as Go's sort of strings compares bytes (equal for ASCII names). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
