import { ElfError } from "../errors.js";
import { ByteView } from "../io/view.js";

/** What string consumers need: a table length and `cstring` (as `ByteView` has it). */
export interface StringLookup {
  readonly length: number;
  cstring(offset: number, max: number): string;
}

/** Offsets closer than this share one read. */
const CLUSTER_GAP = 1024;
/** Bytes read past the last offset of a cluster: most names are shorter. */
const GUESS = 96;
/**
 * When the clusters cover at least this share of the span from the first offset to the last,
 * one read of the span replaces them: the gaps cost less than the extra calls and windows.
 */
const DENSE = 0.5;

interface Window {
  start: number;
  end: number;
  view: ByteView;
}

/**
 * A string table of which only the strings asked for are read (`.dynstr` can be megabytes
 * while a report needs a few library and version names from it). `load(offsets)` fetches
 * what covers them, nearby offsets in one read; `cstring` then answers synchronously, exactly
 * as `ByteView.cstring` over the whole table would (same strings, same errors and offsets).
 */
export class LazyStrings implements StringLookup {
  /**
   * Loaded windows sorted by start, found by binary search: a library's imports can take
   * hundreds of windows, and a lookup per import over all of them was quadratic.
   */
  private readonly windows: Window[] = [];
  /** Whether the last `windowFor` hit found the string's NUL inside its window. */
  private nulSeen = false;
  /** The longest window: no window starting further back than this can hold an offset. */
  private longest = 0;

  constructor(
    private readonly read: (fileOffset: number, length: number) => Promise<Uint8Array>,
    /** File offset of the table. */
    readonly offset: number,
    readonly length: number,
    private readonly little: boolean,
    private readonly max: number,
  ) {}

  /** Whether `o` can be answered from a loaded window: its NUL, or the limit, is inside it. */
  private windowFor(o: number): Window | undefined {
    const ws = this.windows;
    // The last window starting at or before `o`; windows may overlap (a long string's own
    // read), so earlier ones that still contain `o` are tried too.
    let lo = 0;
    let hi = ws.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ws[mid]!.start <= o) lo = mid + 1;
      else hi = mid;
    }
    const need = Math.min(this.length, o + this.max + 1);
    for (let i = lo - 1; i >= 0 && ws[i]!.start + this.longest > o; i--) {
      const w = ws[i]!;
      if (o >= w.end) continue;
      if (w.end >= need) {
        this.nulSeen = false;
        return w;
      }
      if (w.view.bytes.indexOf(0, o - w.start) >= 0) {
        this.nulSeen = true;
        return w;
      }
    }
    return undefined;
  }

  private async fetch(start: number, end: number): Promise<void> {
    const bytes = await this.read(this.offset + start, end - start);
    const w: Window = { start, end: start + bytes.length, view: new ByteView(bytes, this.little, this.offset + start) };
    const ws = this.windows;
    this.longest = Math.max(this.longest, bytes.length);
    let i = ws.length;
    while (i > 0 && ws[i - 1]!.start > start) i--;
    ws.splice(i, 0, w);
  }

  /** Reads what the strings at `offsets` need; offsets outside the table are left to `cstring`. */
  async load(offsets: readonly number[]): Promise<void> {
    const want = this.missing(offsets);
    if (want.length === 0) return;
    let runs: [number, number][] = [];
    let covered = 0;
    for (const o of want) {
      const last = runs[runs.length - 1];
      if (last !== undefined && o - last[1] <= CLUSTER_GAP) last[1] = o;
      else runs.push([o, o]);
    }
    for (const [a, b] of runs) covered += b - a + GUESS;
    const first = want[0]!;
    const lastOffset = want[want.length - 1]!;
    if (runs.length > 1 && covered >= DENSE * (lastOffset - first + GUESS)) runs = [[first, lastOffset]];
    await Promise.all(runs.map(([a, b]) => this.fetch(a, Math.min(this.length, b + GUESS))));
    // Strings longer than the guess: read each up to its limit.
    const long: number[] = [];
    for (const o of want) if (this.windowFor(o) === undefined) long.push(o);
    await Promise.all(long.map((o) => this.fetch(o, Math.min(this.length, o + this.max + 1))));
  }

  /**
   * The distinct offsets inside the table that no window answers yet, ascending: a typed
   * array's native numeric sort, where a library's thousands of imports made a `Set` and a
   * comparator sort the costliest step of loading.
   */
  private missing(offsets: readonly number[]): Uint32Array | Float64Array {
    // Offsets are u32 fields: a Uint32Array sorts twice as fast as a Float64Array (a table past
    // 4 GiB, which only a damaged header claims, takes the wide one).
    const all = this.length <= 0xffffffff ? new Uint32Array(offsets.length) : new Float64Array(offsets.length);
    let m = 0;
    for (const o of offsets) if (o >= 0 && o < this.length) all[m++] = o;
    const sorted = all.subarray(0, m).sort();
    const fresh = this.windows.length === 0;
    let n = 0;
    for (let i = 0; i < m; i++) {
      const o = sorted[i]!;
      if (n > 0 && sorted[n - 1] === o) continue;
      if (fresh || this.windowFor(o) === undefined) sorted[n++] = o;
    }
    return sorted.subarray(0, n);
  }

  cstring(offset: number, max: number): string {
    if (!(offset >= 0 && offset < this.length)) {
      throw new ElfError("BAD_STRING", "String offset outside its table", this.offset + offset, offset);
    }
    const w = max <= this.max ? this.windowFor(offset) : undefined;
    if (w === undefined) throw new ElfError("BAD_STRING", "String not loaded", this.offset + offset, offset);
    const rel = offset - w.start;
    if (!this.nulSeen && w.end < this.length && w.view.bytes.indexOf(0, rel) < 0) {
      // The window stops at the limit, before the table's end: over the whole table this is a
      // string longer than `max` (unless the table never ends in NUL, which needs no distinction).
      throw new ElfError("LIMIT_EXCEEDED", "String too long", this.offset + offset);
    }
    return w.view.cstring(rel, max);
  }
}
