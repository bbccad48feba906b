/**
 * Exploit mitigations, read the way checksec.sh reads them (slimm609/checksec.sh `filecheck`:
 * RELRO from `GNU_RELRO` + `BIND_NOW`, canary from `__stack_chk_fail`, NX from `GNU_STACK`,
 * PIE from ET_DYN, FORTIFY from `__*_chk` imports, RPATH/RUNPATH), made Go-aware: pure Go code
 * has no C stack frames to protect and no libc calls to fortify — the Go compiler checks stack
 * bounds in every function prologue and slices at run time — so canary and FORTIFY are "not
 * applicable" there rather than "missing".
 */
import {
  DF_1_NOW, DF_1_PIE, DF_BIND_NOW, DF_TEXTREL, DT_BIND_NOW, DT_TEXTREL, ET_DYN, PF_X, PT_GNU_RELRO, PT_GNU_STACK,
} from "../elf/constants.js";
import { hasTag } from "../elf/dynamic.js";
import { hasInterpSegment, type Facts } from "./facts.js";
import { linkedStatically } from "./linkage.js";

export const NOT_APPLICABLE = "not-applicable" as const;
type Check = boolean | typeof NOT_APPLICABLE | null;

export interface Hardening {
  pie: boolean;
  /** Non-executable stack: `PT_GNU_STACK` without `PF_X`. */
  nx: boolean;
  relro: "none" | "partial" | "full";
  bindNow: boolean;
  /** Stack protector; null when the symbols that would tell were stripped. */
  canary: Check;
  fortify: Check;
  textrel: boolean;
  rpath: string[];
  runpath: string[];
  /** Why a check is "not-applicable" or null. */
  notes: Record<string, string>;
}

/** glibc's fortified entry points are `__<name>_chk` (debug/*_chk.c); `__stack_chk_fail` is the canary's. */
const FORTIFY = /^__\w+_chk$/;
export const CANARY = ["__stack_chk_fail", "__stack_chk_guard", "__stack_chk_fail_local", "__intel_security_cookie"];

/** A fortified function's name (`__*_chk`), the canary's excepted. */
export function isFortified(name: string): boolean {
  return FORTIFY.test(name) && !CANARY.includes(name);
}

/**
 * glibc's fortified functions: every `__*_chk` that glibc 2.36's libc.so.6 exports but the
 * canary's (`readelf --dyn-syms`), the list checksec.sh builds from the system's libc. An import
 * a linker put in the GNU hash table can only be found by name, so these are the names looked
 * up there; the imports outside it are matched against `FORTIFY` as they are.
 */
export const FORTIFIED_FUNCTIONS = [
  "__asprintf_chk", "__confstr_chk", "__dprintf_chk", "__explicit_bzero_chk", "__fdelt_chk", "__fgets_chk",
  "__fgets_unlocked_chk", "__fgetws_chk", "__fgetws_unlocked_chk", "__fprintf_chk", "__fread_chk",
  "__fread_unlocked_chk", "__fwprintf_chk", "__getcwd_chk", "__getdomainname_chk", "__getgroups_chk",
  "__gethostname_chk", "__getlogin_r_chk", "__gets_chk", "__getwd_chk", "__longjmp_chk", "__mbsnrtowcs_chk",
  "__mbsrtowcs_chk", "__mbstowcs_chk", "__memcpy_chk", "__memmove_chk", "__mempcpy_chk", "__memset_chk",
  "__obstack_printf_chk", "__obstack_vprintf_chk", "__poll_chk", "__ppoll_chk", "__pread64_chk", "__pread_chk",
  "__printf_chk", "__ptsname_r_chk", "__read_chk", "__readlink_chk", "__readlinkat_chk", "__realpath_chk",
  "__recv_chk", "__recvfrom_chk", "__snprintf_chk", "__sprintf_chk", "__stpcpy_chk", "__stpncpy_chk",
  "__strcat_chk", "__strcpy_chk", "__strncat_chk", "__strncpy_chk", "__swprintf_chk", "__syslog_chk",
  "__ttyname_r_chk", "__vasprintf_chk", "__vdprintf_chk", "__vfprintf_chk", "__vfwprintf_chk", "__vprintf_chk",
  "__vsnprintf_chk", "__vsprintf_chk", "__vswprintf_chk", "__vsyslog_chk", "__vwprintf_chk", "__wcpcpy_chk",
  "__wcpncpy_chk", "__wcrtomb_chk", "__wcscat_chk", "__wcscpy_chk", "__wcsncat_chk", "__wcsncpy_chk",
  "__wcsnrtombs_chk", "__wcsrtombs_chk", "__wcstombs_chk", "__wctomb_chk", "__wmemcpy_chk", "__wmemmove_chk",
  "__wmempcpy_chk", "__wmemset_chk", "__wprintf_chk",
];

/**
 * Why no symbol tells whether the canary or FORTIFY were used. Only a cgo program on musl leaves
 * .symtab unread on purpose; a static binary without .symtab was stripped; anything else imports
 * nothing (a loader such as ld.so, the vDSO, a separate debug file whose .dynsym is SHT_NOBITS).
 */
function unseenSymbolsNote(f: Facts): string {
  if (f.go !== null && f.debug.symtab) return "cgo on musl: the C symbols in .symtab were not read (megabytes in a Go binary; musl has no NSS to find)";
  if (linkedStatically(f.kind) && !f.debug.symtab) return "stripped static binary: the symbols that would tell are gone";
  return "imports nothing (no DT_NEEDED, no undefined dynamic symbols), so no call to __stack_chk_fail or a _chk function shows";
}

export function hardeningOf(f: Facts): Hardening {
  const notes: Record<string, string> = {};
  const dyn = f.dynamic;
  const gnuStack = f.segments.find((s) => s.type === PT_GNU_STACK);
  const bindNow = dyn !== undefined && ((dyn.flags & BigInt(DF_BIND_NOW)) !== 0n || (dyn.flags1 & BigInt(DF_1_NOW)) !== 0n || hasTag(dyn.entries, DT_BIND_NOW));
  const relroSeg = f.segments.some((s) => s.type === PT_GNU_RELRO);
  // The segment, not its text: a program whose PT_INTERP path cannot be read is still one.
  const pie = f.header.type === ET_DYN && (hasInterpSegment(f) || (dyn !== undefined && (dyn.flags1 & BigInt(DF_1_PIE)) !== 0n));
  // checksec.sh prints "DSO" here: PIE is said of programs, and a shared object's code is
  // position-independent by construction (a loader such as ld.so included).
  if (!pie && f.header.type === ET_DYN) notes["pie"] = "a shared object (no PT_INTERP, no DF_1_PIE): position-independent by construction; PIE is said of programs (checksec.sh: DSO)";
  if (gnuStack === undefined) notes["nx"] = "no PT_GNU_STACK: the kernel may map the stack executable (READ_IMPLIES_EXEC on x86)";

  // A file that links a library dynamically imports what it calls, so its imports tell even when
  // the few this report lists are none of the canary's or FORTIFY's (and a linker hashed the rest).
  const symbolsVisible = f.imported.length > 0 || f.symtabRead || (f.dynamic?.needed.length ?? 0) > 0;
  const pureGo = f.go !== null && f.go.cgo === false;
  let canary: Check;
  let fortify: Check;
  if (pureGo) {
    canary = NOT_APPLICABLE;
    fortify = NOT_APPLICABLE;
    notes["canary"] = notes["fortify"] = "pure Go: the Go compiler checks stack bounds in function prologues and bounds-checks slices; no C code is linked";
  } else if (!symbolsVisible) {
    canary = null;
    fortify = null;
    notes["canary"] = notes["fortify"] = unseenSymbolsNote(f);
  } else {
    canary = CANARY.some((n) => f.defined.has(n) || f.imported.includes(n));
    fortify = f.imported.some(isFortified) || [...f.defined.keys()].some(isFortified);
    if (f.go !== null) notes["canary"] = notes["fortify"] = "applies to the cgo (C) part only";
  }
  return {
    pie,
    nx: gnuStack !== undefined && (gnuStack.flags & PF_X) === 0,
    relro: !relroSeg ? "none" : bindNow ? "full" : "partial",
    bindNow,
    canary,
    fortify,
    textrel: dyn !== undefined && (hasTag(dyn.entries, DT_TEXTREL) || (dyn.flags & BigInt(DF_TEXTREL)) !== 0n),
    rpath: dyn?.rpath ?? [],
    runpath: dyn?.runpath ?? [],
    notes,
  };
}
