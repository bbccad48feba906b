/**
 * The OCI platform a binary is built for: `os/architecture[/variant]`, spelled as the OCI image
 * index spells it (image-spec `image-index.md`: GOOS/GOARCH values; variants `v6`/`v7`/`v8`
 * for arm, `v2`…`v4` for amd64) and normalized as containerd's `platforms.Normalize` does:
 * `arm64/v8` and `amd64/v1` lose their variant, a bare `arm` means `arm/v7`.
 */
import {
  EF_MIPS_ABI2, ELFOSABI_FREEBSD, ELFOSABI_GNU, ELFOSABI_NETBSD, ELFOSABI_NONE, ELFOSABI_OPENBSD,
  ELFOSABI_SOLARIS, EM_386, EM_AARCH64, EM_ARM, EM_LOONGARCH, EM_MIPS, EM_MIPS_RS3_LE, EM_PPC, EM_PPC64, EM_RISCV,
  EM_S390, EM_SPARCV9, EM_X86_64,
} from "../elf/constants.js";

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** What decided each part, for evidence. */
export interface PlatformResult {
  platform: Platform | null;
  /** "osabi", "abi-tag note", "interpreter", "GOOS", "note owner", or "assumed". */
  osFrom: string;
  /** "GOAMD64", "x86 ISA needed note", "GOARM", "Tag_CPU_arch", "e_flags", or null. */
  variantFrom: string | null;
  /** Why no platform could be named (an ELF machine with no OCI architecture). */
  unknownReason?: string;
}

/** The ELF facts platform detection reads. */
export interface PlatformInput {
  machine: number;
  class: 32 | 64;
  endian: "little" | "big";
  flags: number;
  osabi: number;
  interpreter: string | undefined;
  /** OS named by `NT_GNU_ABI_TAG` ("Linux", "FreeBSD"…). */
  abiTagOs: string | undefined;
  /** Owners of all notes ("GNU", "Go", "Android", "NetBSD", "OpenBSD", "FreeBSD"). */
  noteOwners: readonly string[];
  /** `GNU_PROPERTY_X86_ISA_1_NEEDED` names ("x86-64-v3"). */
  x86IsaNeeded: readonly string[];
  /** `.ARM.attributes` `Tag_CPU_arch`. */
  armCpuArch: number | undefined;
  /** Go build settings (GOOS, GOARCH, GOAMD64, GOARM…), when the binary is Go. */
  goSettings: Readonly<Record<string, string>> | undefined;
}

/** ELF machine (and class, byte order) → OCI architecture. Undefined: no OCI name. */
export function architectureOf(machine: number, cls: 32 | 64, endian: "little" | "big", flags: number): string | undefined {
  const le = endian === "little";
  switch (machine) {
    case EM_X86_64:
      // ELF32 x86-64 is the x32 ABI, which OCI does not name.
      return cls === 64 ? "amd64" : undefined;
    case EM_386:
      return "386";
    case EM_AARCH64:
      return cls === 64 && le ? "arm64" : undefined;
    case EM_ARM:
      return le ? "arm" : undefined;
    case EM_MIPS:
    case EM_MIPS_RS3_LE:
      // n32 (EF_MIPS_ABI2) is a 32-bit-pointer ABI of a 64-bit CPU: not an OCI platform.
      if (cls === 32 && (flags & EF_MIPS_ABI2) !== 0) return undefined;
      return cls === 64 ? (le ? "mips64le" : "mips64") : le ? "mipsle" : "mips";
    case EM_PPC64:
      return cls === 64 ? (le ? "ppc64le" : "ppc64") : undefined;
    case EM_S390:
      return cls === 64 ? "s390x" : undefined;
    case EM_RISCV:
      return cls === 64 ? "riscv64" : undefined;
    case EM_LOONGARCH:
      return cls === 64 ? "loong64" : undefined;
    default:
      return undefined;
  }
}

const MACHINES_WITHOUT_OCI_NAME = new Set([EM_PPC, EM_SPARCV9]);

const ABI_TAG_OS: Record<string, string> = { Linux: "linux", FreeBSD: "freebsd", NetBSD: "netbsd", Solaris: "solaris", Hurd: "hurd" };

/**
 * The operating system, strongest evidence first: Go's GOOS; an Android note or bionic's
 * loader path (`/system/bin/linker[64]`, which bionic's `linker` README names); the OS ABI
 * byte when it is not the generic 0; the GNU ABI tag; BSD identification notes; otherwise
 * Linux is assumed, as `file` assumes SYSV/GNU binaries are for Linux-like systems.
 */
export function osOf(input: Pick<PlatformInput, "osabi" | "interpreter" | "abiTagOs" | "noteOwners" | "goSettings">): { os: string; from: string } {
  const goos = input.goSettings?.["GOOS"];
  if (goos !== undefined && goos !== "") return { os: goos, from: "GOOS" };
  if (input.noteOwners.includes("Android")) return { os: "android", from: "note owner" };
  if (input.interpreter !== undefined && /^\/system\/bin\/linker(64)?$/.test(input.interpreter)) return { os: "android", from: "interpreter" };
  switch (input.osabi) {
    case ELFOSABI_FREEBSD: return { os: "freebsd", from: "osabi" };
    case ELFOSABI_NETBSD: return { os: "netbsd", from: "osabi" };
    case ELFOSABI_OPENBSD: return { os: "openbsd", from: "osabi" };
    case ELFOSABI_SOLARIS: return { os: "solaris", from: "osabi" };
    case ELFOSABI_NONE:
    case ELFOSABI_GNU:
      break;
    default: return { os: `osabi-${input.osabi}`, from: "osabi" };
  }
  if (input.abiTagOs !== undefined) {
    const os = ABI_TAG_OS[input.abiTagOs] ?? input.abiTagOs.toLowerCase();
    return { os, from: "abi-tag note" };
  }
  for (const owner of ["NetBSD", "OpenBSD", "FreeBSD"]) {
    if (input.noteOwners.includes(owner)) return { os: owner.toLowerCase(), from: "note owner" };
  }
  if (input.interpreter !== undefined && /^\/(usr\/)?libexec\/ld(-elf)?\.so/.test(input.interpreter)) {
    return { os: input.interpreter.includes("ld-elf") ? "freebsd" : "openbsd", from: "interpreter" };
  }
  return { os: "linux", from: input.osabi === ELFOSABI_GNU ? "osabi" : "assumed" };
}

const ISA_LEVEL = /^x86-64-(v[234])$/;

/** The variant: Go's settings first (they are what the compiler targeted), then the file's notes. */
export function variantOf(architecture: string, input: PlatformInput): { variant: string | undefined; from: string | null } {
  const go = input.goSettings;
  if (architecture === "amd64") {
    const g = go?.["GOAMD64"];
    if (g !== undefined && g !== "") return { variant: g === "v1" ? undefined : g, from: "GOAMD64" };
    let best: string | undefined;
    for (const n of input.x86IsaNeeded) {
      const m = ISA_LEVEL.exec(n);
      if (m?.[1] !== undefined && (best === undefined || m[1] > best)) best = m[1];
    }
    return best === undefined ? { variant: undefined, from: null } : { variant: best, from: "x86 ISA needed note" };
  }
  if (architecture === "arm") {
    const g = go?.["GOARM"];
    // Go 1.22+ may write "7,softfloat"; the number is the variant.
    const n = g === undefined ? undefined : /^(\d+)/.exec(g)?.[1];
    if (n !== undefined) return { variant: `v${n}`, from: "GOARM" };
    const fromAttr = armVariant(input.armCpuArch);
    if (fromAttr !== undefined) return { variant: fromAttr, from: "Tag_CPU_arch" };
    return { variant: undefined, from: null };
  }
  return { variant: undefined, from: null };
}

/** `Tag_CPU_arch` → OCI variant: 3–5 v5(TE/J), 6–9 v6 variants, 10–13 v7 (A/R/M), 14+ v8. */
function armVariant(cpuArch: number | undefined): string | undefined {
  if (cpuArch === undefined) return undefined;
  if (cpuArch >= 14) return "v8";
  if (cpuArch >= 10) return "v7";
  if (cpuArch >= 6) return "v6";
  if (cpuArch >= 3) return "v5";
  return undefined;
}

export function platformOf(input: PlatformInput): PlatformResult {
  const goarch = input.goSettings?.["GOARCH"];
  const arch = architectureOf(input.machine, input.class, input.endian, input.flags) ?? (goarch !== undefined && goarch !== "" ? goarch : undefined);
  const { os, from } = osOf(input);
  if (arch === undefined) {
    const reason = MACHINES_WITHOUT_OCI_NAME.has(input.machine) ? "machine has no OCI architecture name" : "unknown machine/class/byte order combination";
    return { platform: null, osFrom: from, variantFrom: null, unknownReason: reason };
  }
  const v = variantOf(arch, input);
  const platform: Platform = { os, architecture: arch };
  if (v.variant !== undefined) platform.variant = v.variant;
  return { platform, osFrom: from, variantFrom: v.from };
}

export function formatPlatform(p: Platform): string {
  return p.variant === undefined ? `${p.os}/${p.architecture}` : `${p.os}/${p.architecture}/${p.variant}`;
}

/** Parses "linux/arm64", "linux/arm/v7", "linux/amd64/v3"; normalizes like containerd. */
export function parsePlatform(text: string): Platform | undefined {
  const parts = text.trim().toLowerCase().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) return undefined;
  const [os, rawArch, rawVariant] = parts as [string, string, string | undefined];
  const alias: Record<string, string> = { x86_64: "amd64", "x86-64": "amd64", aarch64: "arm64", i386: "386", armhf: "arm", armel: "arm" };
  const architecture = alias[rawArch] ?? rawArch;
  let variant = rawVariant;
  if (architecture === "arm64" && (variant === "v8" || variant === undefined)) variant = undefined;
  if (architecture === "amd64" && variant === "v1") variant = undefined;
  if (architecture === "arm" && variant === undefined) variant = rawArch === "armel" ? "v6" : "v7";
  const p: Platform = { os, architecture };
  if (variant !== undefined) p.variant = variant;
  return p;
}

/** A numeric level for comparable variants ("v3" → 3); undefined when none. */
export function variantLevel(architecture: string, variant: string | undefined): number {
  if (variant === undefined) {
    if (architecture === "amd64") return 1;
    if (architecture === "arm") return 7;
    return 0;
  }
  const m = /^v(\d+)/.exec(variant);
  return m?.[1] === undefined ? 0 : Number(m[1]);
}

/**
 * How a binary's architecture relates to the target's: the same; one the target's kernel
 * usually also runs (386 on amd64 with IA32 emulation, arm on arm64 with AArch32 EL0 support);
 * or foreign, where `execve` fails with ENOEXEC unless binfmt_misc emulation is registered.
 */
export function architectureRelation(binary: string, target: string): "same" | "compat" | "foreign" {
  if (binary === target) return "same";
  if (binary === "386" && target === "amd64") return "compat";
  if (binary === "arm" && target === "arm64") return "compat";
  return "foreign";
}
