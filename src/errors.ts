/**
 * The one error type that may leave the library. A stable `code`, a short fixed message
 * (in the style of Go's `debug/elf.FormatError` and the `object` crate's "Invalid ELF …"),
 * the file offset where the bad data sits and the bad value itself.
 */
export type ElfErrorCode =
  | "NOT_ELF"
  | "UNSUPPORTED_CLASS"
  | "UNSUPPORTED_ENCODING"
  | "UNSUPPORTED_VERSION"
  | "OUT_OF_BOUNDS"
  | "TRUNCATED"
  | "VALUE_TOO_LARGE"
  | "BAD_HEADER_SIZE"
  | "BAD_ENTRY_SIZE"
  | "BAD_TABLE"
  | "BAD_SECTION_INDEX"
  | "BAD_STRING"
  | "BAD_ADDRESS"
  | "BAD_DYNAMIC"
  | "BAD_NOTE"
  | "BAD_VERSION_TABLE"
  | "BAD_SYMBOL_TABLE"
  | "BAD_HASH_TABLE"
  | "BAD_GO_BUILDINFO"
  | "BAD_GO_PCLNTAB"
  | "LIMIT_EXCEEDED"
  | "READ_FAILED";

export class ElfError extends Error {
  override readonly name = "ElfError";
  constructor(
    readonly code: ElfErrorCode,
    message: string,
    /** File offset of the offending data, when one is known. */
    readonly offset?: number,
    /** The offending value (a count, an offset, an index). */
    readonly value?: number | bigint | string,
  ) {
    super(withoutStack(message));
    restoreStack();
  }

  toJSON(): Warning {
    return warningOf(this);
  }
}

/**
 * An `ElfError` describes the file (code, offset, value), not the code path, so it is built
 * without a stack trace: capturing one cost more than parsing the damaged structure (13% of
 * all time when fuzzing, where lenient mode raises dozens per input). `Error.stackTraceLimit`
 * is V8's; elsewhere setting it is harmless. Set and restored around `super()` only, which
 * runs synchronously, so nothing else sees the change.
 */
let savedLimit: number | undefined;
function withoutStack(message: string): string {
  savedLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return message;
}
function restoreStack(): void {
  Error.stackTraceLimit = savedLimit as number;
}

/** A problem that lenient mode recorded instead of throwing. */
export interface Warning {
  code: ElfErrorCode;
  message: string;
  offset: number | null;
  value?: string;
}

export function warningOf(error: ElfError): Warning {
  const w: Warning = { code: error.code, message: error.message, offset: error.offset ?? null };
  if (error.value !== undefined) w.value = formatValue(error.value);
  return w;
}

function formatValue(v: number | bigint | string): string {
  if (typeof v === "string") return v;
  return typeof v === "bigint" || v > 0xffff ? `0x${v.toString(16)}` : String(v);
}

export function isElfError(e: unknown): e is ElfError {
  return e instanceof ElfError;
}

/**
 * Where parsers report problems. Strict mode throws at the first one; lenient mode (goblin's
 * "permissive" option) records it and lets the caller continue with what it has.
 */
export class Diagnostics {
  readonly warnings: Warning[] = [];
  /** Warnings already recorded, by code, offset, value and message. */
  private readonly seen = new Set<string>();
  constructor(readonly lenient: boolean) {}

  /** Records or throws `error`. Returns normally only in lenient mode. */
  report(error: ElfError): void {
    if (!this.lenient) throw error;
    // The same bytes are often parsed twice (a note segment and its note section, the dynamic
    // string table for names and again for versions): one damaged byte, one warning.
    const w = warningOf(error);
    const key = `${w.code}\0${w.offset}\0${w.value}\0${w.message}`;
    if (this.seen.has(key)) return;
    // A damaged file can produce distinct complaints by the thousand; keep the list bounded.
    if (this.warnings.length < 200) {
      this.seen.add(key);
      this.warnings.push(w);
    }
  }

  /**
   * Runs `fn`; an `ElfError` is reported and `fallback` returned. Anything else is a bug in
   * elfscope and is wrapped so that only `ElfError` ever escapes to callers.
   */
  guard<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (e) {
      this.report(asElfError(e));
      return fallback;
    }
  }

  async guardAsync<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      this.report(asElfError(e));
      return fallback;
    }
  }
}

/** Converts anything thrown into an `ElfError`, so no other exception type leaves the library. */
export function asElfError(e: unknown): ElfError {
  if (e instanceof ElfError) return e;
  if (e instanceof RangeError) return new ElfError("OUT_OF_BOUNDS", "Read outside the data");
  const message = e instanceof Error ? e.message : String(e);
  return new ElfError("READ_FAILED", `Read failed: ${message}`);
}
