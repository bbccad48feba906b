/**
 * Named limits. Every count, string, scan and allocation that a file can influence is capped
 * here, so that no header field can make elfscope allocate or loop without bound. In
 * JavaScript an out-of-memory aborts the process and cannot be caught, so these matter more
 * than bounds checks. Each limit is far above what real toolchains produce.
 */
export const limits = {
  /** Program headers (real binaries: < 20; PN_XNUM allows more through section 0). */
  maxSegments: 65_536,
  /** Section headers (huge C++ objects reach ~100k with -ffunction-sections). */
  maxSections: 1_000_000,
  /** Bytes of one NUL-terminated string read from a string table (paths, names). */
  maxStringLength: 64 * 1024,
  /** Dynamic entries in PT_DYNAMIC. */
  maxDynamicEntries: 100_000,
  /** Notes across all note segments and sections. */
  maxNotes: 4096,
  /** Bytes of one note descriptor that we keep. */
  maxNoteDescriptor: 1024 * 1024,
  /** Version need/definition records, and auxiliary records per chain. */
  maxVersionRecords: 65_536,
  /** Symbols read from .symtab or .dynsym. */
  maxSymbols: 4_000_000,
  /** Bytes of one table (section or segment) read whole into memory. */
  maxTableBytes: 256 * 1024 * 1024,
  /** Bytes scanned when searching for a magic number (Go build info, pclntab). */
  maxScanBytes: 256 * 1024 * 1024,
  /** Chunk size of magic searches, as Go's debug/buildinfo searchMagic (1 MiB). */
  scanChunkBytes: 1024 * 1024,
  /** Go pclntab functions. */
  maxGoFunctions: 2_000_000,
  /**
   * Bytes of a Go pclntab function name table read whole: names are reached out of order
   * (inlined callees come first), so a sliding window would read it several times over.
   */
  maxGoNameTable: 64 * 1024 * 1024,
  /** Bytes of Go module text (go version -m output). */
  maxGoModuleText: 4 * 1024 * 1024,
  /** Bytes of a Go version string. */
  maxGoVersionLength: 256,
} as const;

export type Limits = typeof limits;
