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
 * A string table of which only the strings asked for are read (`.dynstr` can be megabytes
 * while a report needs a few library and version names from it). `load(offsets)` fetches
 * what covers them, nearby offsets in one read; `cstring` then answers synchronously, exactly
 * as `ByteView.cstring` over the whole table would (same strings, same errors and offsets).
 */
export class LazyStrings implements StringLookup {
  /** Loaded windows, as views whose `base` is the file offset of their first byte. */
  private readonly windows: { start: number; view: ByteView }[] = [];

  constructor(
    private readonly read: (fileOffset: number, length: number) => Promise<Uint8Array>,
    /** File offset of the table. */
    readonly offset: number,
    readonly length: number,
    private readonly little: boolean,
    private readonly max: number,
  ) {}

  /** Whether `o` can be answered from a loaded window: its NUL, or the limit, is inside it. */
  private windowFor(o: number): { start: number; view: ByteView } | undefined {
    const need = Math.min(this.length, o + this.max + 1);
    for (const w of this.windows) {
      const end = w.start + w.view.length;
      if (o < w.start || o >= end) continue;
      if (end >= need || w.view.bytes.indexOf(0, o - w.start) >= 0) return w;
    }
    return undefined;
  }

  private async fetch(start: number, end: number): Promise<void> {
    const bytes = await this.read(this.offset + start, end - start);
    this.windows.push({ start, view: new ByteView(bytes, this.little, this.offset + start) });
  }

  /** Reads what the strings at `offsets` need; offsets outside the table are left to `cstring`. */
  async load(offsets: Iterable<number>): Promise<void> {
    const want = [...new Set(offsets)].filter((o) => o >= 0 && o < this.length && this.windowFor(o) === undefined).sort((a, b) => a - b);
    if (want.length === 0) return;
    const runs: [number, number][] = [];
    for (const o of want) {
      const last = runs[runs.length - 1];
      if (last !== undefined && o - last[1] <= CLUSTER_GAP) last[1] = o;
      else runs.push([o, o]);
    }
    await Promise.all(runs.map(([a, b]) => this.fetch(a, Math.min(this.length, b + GUESS))));
    // Strings longer than the guess: read each up to its limit.
    const long = want.filter((o) => this.windowFor(o) === undefined);
    await Promise.all(long.map((o) => this.fetch(o, Math.min(this.length, o + this.max + 1))));
  }

  cstring(offset: number, max: number): string {
    if (!(offset >= 0 && offset < this.length)) {
      throw new ElfError("BAD_STRING", "String offset outside its table", this.offset + offset, offset);
    }
    const w = max <= this.max ? this.windowFor(offset) : undefined;
    if (w === undefined) throw new ElfError("BAD_STRING", "String not loaded", this.offset + offset, offset);
    const rel = offset - w.start;
    if (w.start + w.view.length < this.length && w.view.bytes.indexOf(0, rel) < 0) {
      // The window stops at the limit, before the table's end: over the whole table this is a
      // string longer than `max` (unless the table never ends in NUL, which needs no distinction).
      throw new ElfError("LIMIT_EXCEEDED", "String too long", this.offset + offset);
    }
    return w.view.cstring(rel, max);
  }
}
