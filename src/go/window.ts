import { ElfError } from "../errors.js";
import { ByteView, decodeUtf8 } from "../io/view.js";
import type { GoExe } from "./exe.js";

/**
 * A sliding window over one region of the address space (a part of pclntab), for reads that
 * move mostly forward: the function table, the `_func` records, the name table. Each window
 * is read whole (`windowBytes`), so thousands of 4-byte fields cost one read, and memory stays
 * at one window per reader however large the region is.
 */
export class RegionWindow {
  private view = new ByteView(new Uint8Array(0), true);
  private start = 0;

  constructor(
    private readonly exe: GoExe,
    /** Address of region offset 0. */
    private readonly base: bigint,
    /** Bytes in the region. */
    readonly size: number,
    private readonly little: boolean,
    private readonly windowBytes: number,
    /**
     * Read every window into one buffer of this reader's own. Only for readers that keep no
     * view of a window past the next load: numbers taken out, or `cstringBytes`' bytes used
     * within its callback only.
     */
    private readonly reuse = false,
  ) {}

  private own: Uint8Array | undefined;

  /** True when `[off, off+n)` is already in the window. */
  has(off: number, n: number): boolean {
    return off >= this.start && off + n <= this.start + this.view.length;
  }

  /** Makes `[off, off+n)` readable; throws when it lies outside the region. */
  async load(off: number, n: number): Promise<void> {
    if (this.has(off, n)) return;
    if (!(off >= 0 && n <= this.size - off)) {
      throw new ElfError("BAD_GO_PCLNTAB", "Go pclntab reference outside the table", undefined, off);
    }
    const length = Math.min(this.size - off, Math.max(n, this.windowBytes));
    let into: Uint8Array | undefined;
    if (this.reuse) {
      if (this.own === undefined || this.own.length < length) this.own = new Uint8Array(length);
      into = this.own;
    }
    this.view = new ByteView(await this.exe.readVirtual(this.base + BigInt(off), length, into), this.little);
    this.start = off;
  }

  u32(off: number): number {
    return this.view.u32(off - this.start);
  }

  word(off: number, size: 4 | 8): number {
    return size === 4 ? this.view.u32(off - this.start) : Number(this.view.u64(off - this.start));
  }

  /**
   * The NUL-terminated string at `off` (at most `max` bytes, reloading once if it straddles the
   * window), handed to `use` as `bytes[start, end)` without copying or decoding.
   */
  async cstringBytes(off: number, max: number, use: (bytes: Uint8Array, start: number, end: number) => void): Promise<void> {
    if (this.cstringBytesNow(off, max, use)) return;
    await this.load(off, 1);
    let end = this.findNul(off, max);
    if (end === undefined && !this.has(off, max + 1)) {
      this.start = -1; // force a reload that starts at `off`
      this.view = new ByteView(new Uint8Array(0), this.little);
      await this.load(off, Math.min(max + 1, this.size - off));
      end = this.findNul(off, max);
    }
    if (end === undefined) throw new ElfError("BAD_STRING", "Go function name not terminated", undefined, off);
    use(this.view.bytes, off - this.start, end - this.start);
  }

  /** As `cstringBytes` when the string lies wholly in the window (true); false when a load is needed. */
  cstringBytesNow(off: number, max: number, use: (bytes: Uint8Array, start: number, end: number) => void): boolean {
    if (!this.has(off, 1)) return false;
    const end = this.findNul(off, max);
    if (end === undefined) return false;
    use(this.view.bytes, off - this.start, end - this.start);
    return true;
  }

  /** The NUL-terminated string at `off`, at most `max` bytes, decoded. */
  async cstring(off: number, max: number): Promise<string> {
    let s = "";
    await this.cstringBytes(off, max, (b, start, end) => void (s = decodeUtf8(b.subarray(start, end))));
    return s;
  }

  private findNul(off: number, max: number): number | undefined {
    const rel = off - this.start;
    const limit = Math.min(this.view.length, rel + max + 1);
    const nul = this.view.bytes.indexOf(0, rel);
    return nul >= 0 && nul < limit ? this.start + nul : undefined;
  }
}
