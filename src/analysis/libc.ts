/**
 * Which C library a binary was linked against, for dynamic and static binaries alike. Each
 * rule reads one kind of mark the C library's own startup files or loader leave behind; the
 * first that decides wins, strongest first, and every hit is kept as evidence.
 */

export type LibcFamily = "glibc" | "musl" | "bionic" | "uclibc";

export interface LibcInput {
  interpreter: string | undefined;
  needed: readonly string[];
  /** Version names needed, per library (`GLIBC_2.34` from `libc.so.6`). */
  versionNeeds: readonly { file: string; names: readonly string[] }[];
  /** `NT_GNU_ABI_TAG` present. */
  abiTag: boolean;
  noteOwners: readonly string[];
  /** `.comment` strings ("GCC: (Alpine 13.2.1) 13.2.1"). */
  comments: readonly string[];
  /** Names of defined symbols in `.symtab` and `.dynsym`. */
  definedSymbols: ReadonlySet<string>;
  /** Marker strings found in read-only data (see `RODATA_MARKERS`). */
  rodataMarkers: ReadonlySet<string>;
}

export interface LibcResult {
  family: LibcFamily | null;
  evidence: string[];
}

/**
 * Loader names: glibc's `ld-linux*.so.N` / `ld.so.1` / `ld64.so.N` (glibc `sysdeps/unix/sysv/
 * linux/<arch>/ldsodefs.h` and `shlib-versions`), musl's `ld-musl-ARCH.so.1` (musl `Makefile`),
 * uClibc's `ld-uClibc.so.N`, bionic's `/system/bin/linker[64]`.
 */
export function libcFromInterpreter(path: string): LibcFamily | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (/^ld-musl-[\w-]+\.so\.1$/.test(base)) return "musl";
  if (/^ld-uClibc/.test(base)) return "uclibc";
  if (/^linker(64)?$/.test(base) && path.startsWith("/system/")) return "bionic";
  if (/^(ld-linux[\w.-]*\.so\.\d+|ld\.so\.1|ld64\.so\.[12]|ld-lsb[\w.-]*\.so\.\d+)$/.test(base)) return "glibc";
  return undefined;
}

/** `libc.so.6` is glibc's soname; musl's libc is `libc.so` (Alpine: `libc.musl-ARCH.so.1`); uClibc's `libc.so.0`. */
export function libcFromNeeded(name: string, interpreter: string | undefined): LibcFamily | undefined {
  if (name === "libc.so.6" || name === "libc.so.6.1") return "glibc";
  if (/^libc\.musl-[\w-]+\.so\.1$/.test(name)) return "musl";
  if (name === "libc.so.0") return "uclibc";
  if (name === "libc.so") {
    if (interpreter !== undefined && libcFromInterpreter(interpreter) === "bionic") return "bionic";
    return "musl";
  }
  return undefined;
}

/**
 * Symbols the C libraries' startup code defines in every static program: glibc's `csu/
 * libc-start.c` (`__libc_start_call_main` since 2.34, `__libc_setup_tls`, `_dl_relocate_static_pie`,
 * `_dl_aux_init`) and `csu/init-first.c` (`_IO_stdin_used` from crt1's `IO_stdin_used.S`);
 * musl's `src/env/__libc_start_main.c` (`__init_libc`, `__libc_start_init`); uClibc's
 * `__uClibc_main`; bionic's `__libc_init`.
 */
const SYMBOL_MARKERS: readonly [string, LibcFamily][] = [
  ["__libc_start_call_main", "glibc"],
  ["__libc_setup_tls", "glibc"],
  ["_dl_relocate_static_pie", "glibc"],
  ["_dl_aux_init", "glibc"],
  ["__libc_multiple_libcs", "glibc"],
  ["__init_libc", "musl"],
  ["__libc_start_init", "musl"],
  ["__dls2", "musl"],
  ["__uClibc_main", "uclibc"],
  ["__libc_init", "bionic"],
];

/**
 * Strings that survive stripping: glibc's tunables (`elf/dl-tunables.list`, read by every
 * static glibc ≥ 2.26 at startup) and musl's `strerror` table head ("No error information",
 * musl `src/errno/__strerror.h`).
 */
export const RODATA_MARKERS: readonly [string, LibcFamily][] = [
  ["glibc.malloc.", "glibc"],
  ["GLIBC_TUNABLES", "glibc"],
  ["No error information", "musl"],
];

export function libcOf(input: LibcInput): LibcResult {
  const evidence: string[] = [];
  const votes = new Map<LibcFamily, number>();
  const vote = (f: LibcFamily | undefined, why: string, weight: number): void => {
    if (f === undefined) return;
    votes.set(f, (votes.get(f) ?? 0) + weight);
    evidence.push(`${why} (${f})`);
  };
  if (input.interpreter !== undefined) vote(libcFromInterpreter(input.interpreter), `PT_INTERP ${input.interpreter}`, 100);
  for (const n of input.needed) vote(libcFromNeeded(n, input.interpreter), `DT_NEEDED ${n}`, 50);
  let glibcVersion: string | undefined;
  for (const v of input.versionNeeds) {
    glibcVersion = v.names.find((n) => n.startsWith("GLIBC_") && n.charCodeAt(6) >= 0x30 && n.charCodeAt(6) <= 0x39);
    if (glibcVersion !== undefined) break;
  }
  if (glibcVersion !== undefined) vote("glibc", `version need ${glibcVersion}`, 50);
  if (input.noteOwners.includes("Android")) vote("bionic", "Android note", 50);
  for (const [sym, family] of SYMBOL_MARKERS) if (input.definedSymbols.has(sym)) vote(family, `symbol ${sym}`, 20);
  for (const [marker, family] of RODATA_MARKERS) if (input.rodataMarkers.has(marker)) vote(family, `string "${marker}"`, 10);
  // glibc's crt1.o carries the ABI-tag note (csu/abi-note.S); musl's crt files have none.
  if (input.abiTag && !input.noteOwners.includes("Android")) vote("glibc", "NT_GNU_ABI_TAG note", 5);
  for (const c of input.comments) {
    if (/\bAlpine\b/.test(c)) vote("musl", `.comment "${c}"`, 2);
    else if (/Android/.test(c)) vote("bionic", `.comment "${c}"`, 2);
  }
  let family: LibcFamily | null = null;
  let best = 0;
  for (const [f, w] of votes) {
    if (w > best) {
      best = w;
      family = f;
    }
  }
  return { family, evidence };
}
