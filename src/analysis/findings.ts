/**
 * The scratch rules: each looks at `Facts` and the target platform and returns findings
 * `{code, severity, message, evidence, fix}`. Blockers are what makes `execve` (or the first
 * instructions after it) fail in an empty root; caveats start but fail later at a known call;
 * info findings explain. Every code is documented in docs/findings.md.
 */
import { ET_CORE, ET_DYN, ET_EXEC, ET_NONE, ET_REL, PF_X, PT_LOAD, PT_INTERP } from "../elf/constants.js";
import type { Facts } from "./facts.js";
import { NSS_MARKER } from "./facts.js";
import {
  entryEvidence, goFunctionEvidence, hex, interpreterEvidence, machineEvidence, neededEvidence, osabiEvidence,
  segmentEvidence, settingEvidence, symbolEvidence, typeEvidence,
} from "./evidence.js";
import {
  CGO_CODE, CGO_RESOLVER, EMBEDDED_TZDATA, FALLBACK_ROOTS, LOAD_LOCATION, OS_USER, SYSTEM_ROOTS, buildTags, findMarker,
  type GoFacts,
} from "./go-facts.js";
import { linkedStatically } from "./linkage.js";
import { architectureRelation, formatPlatform, variantLevel, type Platform } from "./platform.js";

export type Severity = "blocker" | "caveat" | "info";

export type FindingCode =
  | "NOT_EXECUTABLE" | "NOT_LINUX" | "ARCH_MISMATCH" | "NEEDS_INTERPRETER" | "NEEDS_LIBRARIES"
  | "NEEDS_CA_CERTS" | "NEEDS_TZDATA" | "NEEDS_PASSWD" | "CGO_RESOLVER" | "STATIC_GLIBC_NSS"
  | "ISA_LEVEL_ABOVE_TARGET" | "ARCH_COMPAT" | "DAMAGED"
  | "GLIBC_FLOOR" | "STRIPPED" | "DEBUG_INFO" | "GO_VERSION" | "CGO_LINKED" | "CGO_UNUSED" | "LIBC";

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  evidence: string[];
  fix: string;
}

const finding = (code: FindingCode, severity: Severity, message: string, evidence: string[], fix: string): Finding => ({ code, severity, message, evidence, fix });

/** The facts are too damaged to judge: no loadable segment of an executable type, or no program headers. */
export function damageFinding(f: Facts): Finding | undefined {
  const exe = f.header.type === ET_EXEC || f.header.type === ET_DYN;
  if (!exe) return undefined;
  const loads = f.segments.filter((s) => s.type === PT_LOAD).length;
  if (f.segments.length > 0 && loads > 0) return undefined;
  const problems = f.warnings.slice(0, 3).map((w) => `${w.code} at ${w.offset === null ? "?" : hex(w.offset)}: ${w.message}`);
  return finding(
    "DAMAGED", "caveat",
    "The program headers could not be read, so what the kernel would do with this file cannot be told.",
    [`${f.segments.length} program headers, ${loads} PT_LOAD`, ...problems],
    "Check the file (readelf -lW); rebuild or re-download it if it was truncated.",
  );
}

export function notExecutable(f: Facts): Finding | undefined {
  const t = f.header.type;
  if (t === ET_REL || t === ET_CORE || t === ET_NONE) {
    const what = t === ET_REL ? "a relocatable object (.o): it must be linked first" : t === ET_CORE ? "a core dump" : "of no type";
    return finding("NOT_EXECUTABLE", "blocker", `The file is ${what}; execve fails with ENOEXEC ("exec format error").`, [typeEvidence(f)],
      t === ET_REL ? "Link it into an executable (gcc -o app file.o) and copy that into the image." : "Copy the program's executable into the image, not this file.");
  }
  if (!f.segments.some((s) => s.type === PT_LOAD)) return undefined;
  if (t === ET_EXEC && f.header.entry === 0n) {
    return finding("NOT_EXECUTABLE", "blocker", "The executable's entry point is 0; it would jump to address 0 and crash.", [entryEvidence(f)], "Copy a linked program with an entry point.");
  }
  // A shared object without PT_INTERP starts only if it relocates itself: a loader (ld.so,
  // musl's libc.so) or a static-pie has no DT_NEEDED and a non-zero entry (FORMATS.md).
  if (t === ET_DYN && !f.segments.some((s) => s.type === PT_INTERP)) {
    const needed = f.dynamic?.needed ?? [];
    if (f.header.entry === 0n || needed.length > 0) {
      const evidence = [typeEvidence(f), entryEvidence(f)];
      if (needed.length > 0) evidence.push(neededEvidence(f));
      if (f.dynamic?.soname !== undefined) evidence.push(`DT_SONAME ${f.dynamic.soname}`);
      return finding("NOT_EXECUTABLE", "blocker",
        "This is a shared library, not a program: it has no PT_INTERP, so nothing would resolve its DT_NEEDED libraries or relocations; started directly it crashes.",
        evidence, "Copy the program that loads this library (and the library beside it), not the library alone.");
    }
  }
  return undefined;
}

export function notLinux(f: Facts, target: Platform): Finding | undefined {
  const p = f.platform.platform;
  if (p === null || p.os === target.os) return undefined;
  // Android programs are Linux programs; bionic's loader is what scratch lacks (NEEDS_INTERPRETER).
  if (p.os === "android" && target.os === "linux") return undefined;
  const from = f.platform.osFrom;
  const evidence = [from === "osabi" ? osabiEvidence(f) : from === "GOOS" ? settingEvidence("GOOS", p.os) : from === "interpreter" ? interpreterEvidence(f) : `${from}: ${p.os}`];
  return finding("NOT_LINUX", "blocker", `The binary is built for ${p.os}, the target is ${target.os}: its system calls do not match the kernel's.`, evidence,
    f.go !== null ? `Rebuild with GOOS=${target.os} GOARCH=${target.architecture}.` : `Rebuild for ${formatPlatform(target)}.`);
}

export function archMismatch(f: Facts, target: Platform): Finding | undefined {
  const p = f.platform.platform;
  if (p !== null && architectureRelation(p.architecture, target.architecture) !== "foreign") return undefined;
  const name = p === null ? `an ELF machine with no OCI architecture (${f.platform.unknownReason ?? "unknown"})` : p.architecture;
  const go = f.go !== null ? ` Rebuild with GOARCH=${target.architecture}${target.variant !== undefined && target.architecture === "arm" ? ` GOARM=${target.variant.slice(1)}` : ""}.` : "";
  return finding("ARCH_MISMATCH", "blocker",
    `The binary is for ${name}, the target is ${target.architecture}: execve fails with ENOEXEC ("exec format error") unless binfmt_misc emulation (qemu-user) is registered.`,
    [machineEvidence(f)],
    `Build for ${formatPlatform(target)} (or pick the image platform ${p === null ? "matching the binary" : formatPlatform(p)}).${go}`);
}

export function archCompat(f: Facts, target: Platform): Finding | undefined {
  const p = f.platform.platform;
  if (p === null || architectureRelation(p.architecture, target.architecture) !== "compat") return undefined;
  const needs = p.architecture === "386" ? "IA32 emulation (CONFIG_IA32_EMULATION, on by default in distribution kernels)" : "AArch32 execution support in the CPU and kernel (absent on many arm64 servers)";
  return finding("ARCH_COMPAT", "caveat", `A ${p.architecture} binary on a ${target.architecture} kernel starts only with ${needs}; the image would also be labelled ${formatPlatform(target)}.`,
    [machineEvidence(f)], `Build for ${formatPlatform(target)}${f.go !== null ? ` (GOARCH=${target.architecture})` : ""}, or publish the image as ${formatPlatform(p)}.`);
}

export function isaLevel(f: Facts, target: Platform): Finding | undefined {
  const p = f.platform.platform;
  if (p === null || p.architecture !== target.architecture) return undefined;
  const need = variantLevel(p.architecture, p.variant);
  const have = variantLevel(target.architecture, target.variant);
  if (need <= have) return undefined;
  const from = f.platform.variantFrom;
  const evidence = from === "GOAMD64" || from === "GOARM" ? settingEvidence(from, f.go?.settings[from] ?? "") : `${from ?? "variant"}: ${p.variant ?? ""}`;
  const knob = p.architecture === "amd64" ? (f.go !== null ? "GOAMD64=v1" : "-march=x86-64") : f.go !== null ? `GOARM=${variantLevel("arm", target.variant)}` : `-march=armv${variantLevel("arm", target.variant)}`;
  return finding("ISA_LEVEL_ABOVE_TARGET", "caveat",
    `The binary needs ${p.architecture}/${p.variant ?? ""} but the target is ${formatPlatform(target)}: on an older CPU it stops at the first newer instruction (Go exits at startup with "This program can only be run on … processors").`,
    [evidence], `Build with ${knob} for the target, or publish the image as ${formatPlatform(p)}.`);
}

export function needsInterpreter(f: Facts): Finding | undefined {
  if (!f.segments.some((s) => s.type === PT_INTERP)) return undefined;
  const fix = f.go !== null ? goStaticFix(f, f.go) : f.libc.family === "musl"
    ? "Link statically (musl-gcc -static), or use FROM alpine, which has /lib/ld-musl-*.so.1."
    : "Link statically (-static or -static-pie), or use a base image that has this loader and the libraries (see base).";
  return finding("NEEDS_INTERPRETER", "blocker",
    `The kernel must load the program interpreter ${f.interpreter ?? "(PT_INTERP)"} first; scratch has none, so execve fails with ENOENT ("no such file or directory").`,
    [interpreterEvidence(f)], fix);
}

/**
 * What makes a dynamically linked Go binary static: no cgo (CGO_ENABLED=0, with netgo/osusergo
 * when those were the reason), and no PIE or external linking, since Go's internal linker
 * writes PT_INTERP for every PIE (cmd/link/internal/ld/elf.go, `interpreter` for BuildModePIE).
 */
function goStaticFix(f: Facts, go: GoFacts): string {
  const steps: string[] = [];
  const cgo = go.cgo === true || (go.functionsKnown && findMarker(go, CGO_CODE) !== undefined);
  if (cgo) steps.push("rebuild with CGO_ENABLED=0 (add -tags netgo,osusergo if the cgo resolver or os/user was the reason for cgo)");
  else if (go.settings["CGO_ENABLED"] === "1") steps.push("set CGO_ENABLED=0 (no cgo code is linked anyway)");
  if (go.settings["-buildmode"] === "pie" || f.header.type === ET_DYN) {
    steps.push("build without -buildmode=pie, or keep PIE and link it with -ldflags '-linkmode=external -extldflags=-static-pie'");
  } else if (/-linkmode[= ]external/.test(go.settings["-ldflags"] ?? "")) {
    steps.push("drop -linkmode=external");
  }
  const text = steps.length > 0 ? steps.join("; ") : "rebuild with CGO_ENABLED=0";
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

export function needsLibraries(f: Facts): Finding | undefined {
  const needed = f.dynamic?.needed ?? [];
  if (needed.length === 0 || !f.segments.some((s) => s.type === PT_INTERP)) return undefined;
  const fix = f.go !== null ? goStaticFix(f, f.go) : `Link statically, or use a base image that ships ${needed.join(", ")} (see base).`;
  return finding("NEEDS_LIBRARIES", "blocker", `The loader must find ${needed.join(", ")}; scratch has no libraries.`, [neededEvidence(f)], fix);
}

/** Go caveats: each is a Go capability linked in, and what it reads at run time. */
export function goCaveats(f: Facts, go: GoFacts): Finding[] {
  const out: Finding[] = [];
  if (!go.functionsKnown) return out;
  const roots = findMarker(go, SYSTEM_ROOTS);
  if (roots !== undefined && findMarker(go, FALLBACK_ROOTS) === undefined) {
    out.push(finding("NEEDS_CA_CERTS", "caveat",
      "crypto/x509 loads the system root certificates from /etc/ssl/certs (or $SSL_CERT_FILE); scratch has none, so TLS verification fails with \"x509: certificate signed by unknown authority\".",
      [goFunctionEvidence(f, go, roots)],
      "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ — or import _ \"golang.org/x/crypto/x509roots/fallback\" (Go 1.20+), or FROM gcr.io/distroless/static."));
  }
  const load = findMarker(go, LOAD_LOCATION);
  const embedded = findMarker(go, EMBEDDED_TZDATA) ?? (buildTags(go).includes("timetzdata") ? "timetzdata" : undefined);
  if (load !== undefined && embedded === undefined) {
    out.push(finding("NEEDS_TZDATA", "caveat",
      "time.LoadLocation reads /usr/share/zoneinfo (or $ZONEINFO); scratch has none, so named zones fail with \"unknown time zone\".",
      [goFunctionEvidence(f, go, load)],
      "Build with -tags timetzdata (or import _ \"time/tzdata\"), or COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo."));
  }
  const user = findMarker(go, OS_USER);
  if (user !== undefined) {
    out.push(finding("NEEDS_PASSWD", "caveat",
      "os/user looks users up in /etc/passwd and /etc/group; scratch has neither, so lookups fail (user.Current falls back to $USER and $HOME only when both are set).",
      [goFunctionEvidence(f, go, user)],
      "COPY a minimal /etc/passwd and /etc/group (e.g. \"nobody:x:65534:65534::/:/sbin/nologin\"), set USER and HOME, or FROM gcr.io/distroless/static."));
  }
  const resolver = findMarker(go, CGO_RESOLVER);
  if (resolver !== undefined) {
    out.push(finding("CGO_RESOLVER", "caveat",
      "Name resolution goes through the C library's getaddrinfo (the cgo resolver), which follows /etc/nsswitch.conf and, with glibc, loads libnss_*.so modules at run time — none of which scratch has.",
      [goFunctionEvidence(f, go, resolver)],
      "Build with -tags netgo (or CGO_ENABLED=0) for Go's own resolver, or run with GODEBUG=netdns=go."));
  }
  return out;
}

/** NSS entry points of glibc (nss/, inet/, pwd/, grp/); in a static glibc they dlopen libnss_*.so. */
const NSS_FUNCTIONS = [
  "getaddrinfo", "gethostbyname", "gethostbyname2", "gethostbyname_r", "gethostbyname2_r", "gethostbyaddr", "gethostbyaddr_r", "getnameinfo",
  "getpwnam", "getpwnam_r", "getpwuid", "getpwuid_r", "getgrnam", "getgrnam_r", "getgrgid", "getgrgid_r", "getgrouplist", "initgroups",
  "getservbyname", "getservbyname_r", "getprotobyname", "getspnam",
];

/**
 * A statically linked glibc still loads NSS modules with dlopen for these calls (the linker
 * warns: "Using 'getaddrinfo' in statically linked applications requires at runtime the shared
 * libraries from the glibc version used for linking"); in scratch they are missing.
 */
export function staticGlibcNss(f: Facts): Finding | undefined {
  if (f.interpreter !== undefined || f.libc.family !== "glibc" || !linkedStatically(f.kind)) return undefined;
  const used = NSS_FUNCTIONS.filter((n) => f.defined.has(n));
  const evidence = used.slice(0, 4).map((n) => symbolEvidence(f, n)).filter((e): e is string => e !== undefined);
  if (used.length === 0 && f.rodataMarkers.has(NSS_MARKER)) evidence.push(`string "${NSS_MARKER}" in .rodata (glibc's NSS is linked in)`);
  if (evidence.length === 0) return undefined;
  return finding("STATIC_GLIBC_NSS", "caveat",
    `Statically linked glibc with ${used.length > 0 ? used.slice(0, 4).join(", ") : "NSS"}: these calls dlopen libnss_*.so.2 from the same glibc version at run time; in scratch host, user and service lookups fail.`,
    evidence,
    f.go !== null
      ? "Build with CGO_ENABLED=0 (or -tags netgo,osusergo) so Go's own resolver and user lookup are used."
      : "Link against musl instead (musl-gcc -static), or ship the libnss_files/libnss_dns modules of the same glibc with /etc/nsswitch.conf.");
}

/** Info: what the analysis saw that changes no verdict. */
export function infoFindings(f: Facts): Finding[] {
  const out: Finding[] = [];
  const go = f.go;
  if (f.floor.glibc !== null && f.interpreter !== undefined) {
    const which = f.needs.find((n) => n.versions.some((v) => v.name === `GLIBC_${f.floor.glibc}`));
    out.push(finding("GLIBC_FLOOR", "info", `Needs glibc ${f.floor.glibc} or newer${f.floor.glibcxx !== null ? `, libstdc++ with GLIBCXX_${f.floor.glibcxx}` : ""}.`,
      [`version need GLIBC_${f.floor.glibc} from ${which?.file ?? "libc.so.6"} (.gnu.version_r / DT_VERNEED)`],
      "Pick a base image whose glibc is at least this (see base), or build on an older distribution to lower the floor."));
  }
  // Only a static program carries its C library; a shared library names one in DT_NEEDED.
  if (f.libc.family !== null && linkedStatically(f.kind)) {
    out.push(finding("LIBC", "info", `Statically linked ${f.libc.family}.`, f.libc.evidence.slice(0, 3), "No change needed."));
  }
  if (f.debug.stripped) {
    const still = go !== null ? "Go function names and line tables stay in pclntab, so panics still print stack traces" : "only dynamic symbols remain";
    out.push(finding("STRIPPED", "info", `No .symtab: the symbol table was stripped; ${still}.`,
      [`no SHT_SYMTAB section${f.sectionNames.size === 0 ? " (no section headers at all)" : ""}`], "No change needed; keep an unstripped copy for debugging."));
  } else if (f.debug.dwarf) {
    out.push(finding("DEBUG_INFO", "info", `DWARF debug sections are present (${f.debug.dwarfSections.slice(0, 3).join(", ")}…); they only add image size.`,
      [`sections ${f.debug.dwarfSections.join(", ")}`], go !== null ? "Build with -ldflags=\"-s -w\" to drop them." : "strip --strip-debug (or -s at link time) to drop them."));
  }
  if (go !== null) {
    if (go.version !== null) out.push(finding("GO_VERSION", "info", `Built with ${go.version}.`, [`runtime.buildVersion ${go.version} (.go.buildinfo)`], "No change needed."));
    const setting = go.settings["CGO_ENABLED"];
    const cgo = go.functionsKnown ? findMarker(go, CGO_CODE) : undefined;
    if (cgo !== undefined || go.cgo === true) {
      out.push(finding("CGO_LINKED", "info", `cgo code is linked${setting !== undefined ? ` (CGO_ENABLED=${setting})` : ""}: the binary contains C code and, unless linked statically, needs a C library.`,
        [cgo !== undefined ? goFunctionEvidence(f, go, cgo) : "cgo evidence in the Go layer"], "Build with CGO_ENABLED=0 unless a C dependency is required."));
    } else if (setting === "1" && go.cgo === false) {
      out.push(finding("CGO_UNUSED", "info", "CGO_ENABLED=1 but no cgo code was linked (no crosscall2, no runtime/cgo): nothing here needed C.",
        [settingEvidence("CGO_ENABLED", "1")], "Set CGO_ENABLED=0 to make the static build explicit."));
    }
  }
  return out;
}

/**
 * A program or library whose executable `PT_LOAD` segments hold no bytes (`p_filesz` 0): what
 * `objcopy --only-keep-debug` and `eu-strip -f` write, a separate debug file that keeps the
 * program headers but turns every allocated section except the notes into `SHT_NOBITS`. The
 * kernel refuses its empty `PT_INTERP` (ENOEXEC) or maps zero-filled memory at the entry point.
 * Its interpreter path, dynamic table and version needs are gone too, so no other finding would
 * be about a real program.
 */
export function codeAbsent(f: Facts): Finding | undefined {
  if (f.header.type !== ET_EXEC && f.header.type !== ET_DYN) return undefined;
  const code = f.segments.filter((s) => s.type === PT_LOAD && (s.flags & PF_X) !== 0 && s.memsz > 0n);
  if (code.length === 0 || code.some((s) => s.filesz > 0)) return undefined;
  const seg = code[0]!;
  const evidence = [`${segmentEvidence(f, seg)}: PF_X, p_filesz 0, p_memsz ${hex(seg.memsz)}`];
  const debugFile = f.debug.dwarf || f.debug.symtab;
  if (f.debug.dwarf) evidence.push(`sections ${f.debug.dwarfSections.join(", ")}`);
  else if (f.debug.symtab) evidence.push("SHT_SYMTAB .symtab");
  const id = f.notes.gnuBuildId;
  return finding("NOT_EXECUTABLE", "blocker",
    debugFile
      ? "This is a separate debug file (objcopy --only-keep-debug, eu-strip -f): its code and data were removed and only symbols, debug info and notes remain, so it cannot run."
      : "The executable segments hold no bytes in the file: there is no code to run.",
    evidence,
    debugFile
      ? `Copy the program this debug file was split from${id !== undefined ? ` (GNU build ID ${id})` : ""}; debug files belong in an image only where a debugger reads them (/usr/lib/debug/.build-id).`
      : "Copy the complete program; this copy lost its code (a debug-only or damaged file).");
}

/** All findings for `target`, blockers first. */
export function findingsFor(f: Facts, target: Platform): Finding[] {
  const none = codeAbsent(f);
  if (none !== undefined) return [none];
  const all: (Finding | undefined)[] = [
    notExecutable(f), notLinux(f, target), archMismatch(f, target), needsInterpreter(f), needsLibraries(f),
    damageFinding(f), archCompat(f, target), isaLevel(f, target), staticGlibcNss(f),
  ];
  const list = all.filter((x): x is Finding => x !== undefined);
  if (f.go !== null) list.push(...goCaveats(f, f.go));
  list.push(...infoFindings(f));
  const rank: Record<Severity, number> = { blocker: 0, caveat: 1, info: 2 };
  return list.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
