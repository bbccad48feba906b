import { ElfError } from "../errors.js";

const utf8 = new TextDecoder("utf-8");

/**
 * An endian-aware, bounds-checked window on bytes fetched from a source. One `DataView` per
 * window, reused for every field (as msgpack-javascript's decoder does), and every failure is
 * an `ElfError` carrying the *file* offset (`base + offset`), never a `RangeError`.
 */
export class ByteView {
  private readonly dv: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly little: boolean,
    /** File offset of `bytes[0]`, for error messages. */
    readonly base = 0,
  ) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  private need(offset: number, width: number): void {
    if (!(offset >= 0 && width <= this.bytes.length - offset)) {
      throw new ElfError("TRUNCATED", "Data ends inside a field", this.base + offset, width);
    }
  }

  u8(offset: number): number {
    this.need(offset, 1);
    return this.bytes[offset]!;
  }
  u16(offset: number): number {
    this.need(offset, 2);
    return this.dv.getUint16(offset, this.little);
  }
  u32(offset: number): number {
    this.need(offset, 4);
    return this.dv.getUint32(offset, this.little);
  }
  i32(offset: number): number {
    this.need(offset, 4);
    return this.dv.getInt32(offset, this.little);
  }
  u64(offset: number): bigint {
    this.need(offset, 8);
    return this.dv.getBigUint64(offset, this.little);
  }
  i64(offset: number): bigint {
    this.need(offset, 8);
    return this.dv.getBigInt64(offset, this.little);
  }
  /** An address-sized unsigned word (ELF32: 4 bytes, ELF64: 8 bytes). */
  word(offset: number, wide: boolean): bigint {
    return wide ? this.u64(offset) : BigInt(this.u32(offset));
  }
  /** A word used as an offset, size or count: must fit in a safe integer. */
  size(offset: number, wide: boolean): number {
    if (!wide) return this.u32(offset);
    return toSafe(this.u64(offset), this.base + offset);
  }

  /** A sub-window sharing the same bytes; `base` follows. */
  sub(offset: number, length: number): ByteView {
    this.need(offset, length);
    return new ByteView(this.bytes.subarray(offset, offset + length), this.little, this.base + offset);
  }

  /**
   * The NUL-terminated string at `offset`. A string running off the end of the data (a string
   * table without its final NUL) or longer than `max` is an error, not a silent truncation.
   */
  cstring(offset: number, max: number): string {
    if (!(offset >= 0 && offset < this.bytes.length)) {
      throw new ElfError("BAD_STRING", "String offset outside its table", this.base + offset, offset);
    }
    const end = Math.min(this.bytes.length, offset + max + 1);
    const nul = this.bytes.indexOf(0, offset);
    if (nul < 0 || nul >= end) {
      throw new ElfError(
        nul < 0 ? "BAD_STRING" : "LIMIT_EXCEEDED",
        nul < 0 ? "String not terminated" : "String too long",
        this.base + offset,
      );
    }
    return decodeShort(this.bytes, offset, nul);
  }
}

/**
 * Bytes [start, end) as UTF-8. Names (sections, libraries, symbols, versions) are short ASCII:
 * their char codes gathered into an array and turned into one string skip `TextDecoder`'s
 * per-call cost, and give a flat string (appending a char at a time builds a rope, which every
 * later hash or comparison must flatten: a third of the time of a library's imports). Anything
 * else, or longer, goes to the decoder (same result).
 */
function decodeShort(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n > 64) return utf8.decode(bytes.subarray(start, end));
  const codes: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const b = bytes[start + i]!;
    if (b >= 0x80) return utf8.decode(bytes.subarray(start, end));
    codes[i] = b;
  }
  return String.fromCharCode.apply(null, codes);
}

/** Converts a 64-bit file value to a number, or fails with `VALUE_TOO_LARGE`. */
export function toSafe(value: bigint, offset?: number): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ElfError("VALUE_TOO_LARGE", "Value too large", offset, value);
  }
  return Number(value);
}

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * An unsigned LEB128 varint (Go's `binary.Uvarint`), at most 10 bytes, whose value must be a
 * safe integer. Returns the value and the offset after it.
 */
export function readUvarint(bytes: Uint8Array, offset: number, base = 0): { value: number; next: number } {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    const b = bytes[offset + i];
    if (b === undefined) throw new ElfError("TRUNCATED", "Data ends inside a varint", base + offset + i);
    value |= BigInt(b & 0x7f) << BigInt(7 * i);
    if (b < 0x80) return { value: toSafe(value, base + offset), next: offset + i + 1 };
  }
  throw new ElfError("VALUE_TOO_LARGE", "Varint too long", base + offset);
}

export function hex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** `0x…` form used in the JSON report for addresses. */
export function addr(v: bigint | number): string {
  return `0x${v.toString(16)}`;
}
