import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inspect } from "../../src/index.js";
import { architectureOf, architectureRelation, osOf, parsePlatform, platformOf, type PlatformInput } from "../../src/analysis/platform.js";
import { EM_AARCH64, EM_ARM, EM_MIPS, EM_PPC64, EM_X86_64, ELFOSABI_FREEBSD, ELFOSABI_NONE } from "../../src/elf/constants.js";
import { binPath, testBinaries } from "../support/binaries.js";

/** What each test binary is built for (scripts/build-test-binaries.sh). */
const EXPECTED: Record<string, string | null> = {
  "go-386": "linux/386", "go-amd64v3": "linux/amd64/v3", "go-arm64": "linux/arm64", "go-armv7": "linux/arm/v7",
  "go-mips": "linux/mips", "go-ppc64le": "linux/ppc64le", "go-riscv64": "linux/riscv64", "go-s390x": "linux/s390x",
  "c-glibc-dynamic-i386": "linux/386", "go-static": "linux/amd64", "c-musl-static": "linux/amd64", "c-relocatable.o": "linux/amd64",
  // OCI has no 32-bit PowerPC architecture (image-spec lists ppc64 and ppc64le only).
  "libgnuhash-s390x.so": "linux/s390x", "libgnuhash-ppc32.so": null,
};

describe("platform of every test binary", () => {
  it.each(testBinaries())("%s", async (name) => {
    const r = await inspect(new Uint8Array(readFileSync(binPath(name))));
    expect(r.platform).toBe(name in EXPECTED ? EXPECTED[name] : "linux/amd64");
  });
});

const base: PlatformInput = {
  machine: EM_X86_64, class: 64, endian: "little", flags: 0, osabi: ELFOSABI_NONE, interpreter: undefined, abiTagOs: undefined,
  noteOwners: [], x86IsaNeeded: [], armCpuArch: undefined, goSettings: undefined,
};

describe("platform rules", () => {
  it("names architectures as OCI does, and none for combinations OCI lacks", () => {
    expect(architectureOf(EM_X86_64, 32, "little", 0)).toBeUndefined(); // x32
    expect(architectureOf(EM_AARCH64, 64, "big", 0)).toBeUndefined();
    expect(architectureOf(EM_MIPS, 64, "little", 0)).toBe("mips64le");
    expect(architectureOf(EM_MIPS, 32, "little", 0)).toBe("mipsle");
    expect(architectureOf(EM_PPC64, 64, "big", 0)).toBe("ppc64");
  });
  it("takes the variant from GOAMD64, then the x86 ISA-needed note; v1 is omitted", () => {
    expect(platformOf({ ...base, x86IsaNeeded: ["x86-64-baseline", "x86-64-v2"] }).platform).toEqual({ os: "linux", architecture: "amd64", variant: "v2" });
    expect(platformOf({ ...base, goSettings: { GOAMD64: "v1" }, x86IsaNeeded: ["x86-64-v3"] }).platform).toEqual({ os: "linux", architecture: "amd64" });
  });
  it("takes arm variants from GOARM, then Tag_CPU_arch", () => {
    expect(platformOf({ ...base, machine: EM_ARM, class: 32, goSettings: { GOARM: "6" } }).platform?.variant).toBe("v6");
    expect(platformOf({ ...base, machine: EM_ARM, class: 32, armCpuArch: 10 }).platform?.variant).toBe("v7");
    expect(platformOf({ ...base, machine: EM_ARM, class: 32, armCpuArch: 14 }).platform?.variant).toBe("v8");
  });
  it("finds the OS from GOOS, Android markers, OS ABI and notes", () => {
    expect(osOf({ ...base, interpreter: "/system/bin/linker64" }).os).toBe("android");
    expect(osOf({ ...base, noteOwners: ["Android"] }).os).toBe("android");
    expect(osOf({ ...base, osabi: ELFOSABI_FREEBSD })).toEqual({ os: "freebsd", from: "osabi" });
    expect(osOf({ ...base, noteOwners: ["OpenBSD"] }).os).toBe("openbsd");
    expect(osOf({ ...base, goSettings: { GOOS: "netbsd" } })).toEqual({ os: "netbsd", from: "GOOS" });
    expect(osOf(base)).toEqual({ os: "linux", from: "assumed" });
  });
  it("parses and normalizes target platforms like containerd", () => {
    expect(parsePlatform("linux/arm64/v8")).toEqual({ os: "linux", architecture: "arm64" });
    expect(parsePlatform("linux/arm")).toEqual({ os: "linux", architecture: "arm", variant: "v7" });
    expect(parsePlatform("linux/x86_64")).toEqual({ os: "linux", architecture: "amd64" });
    expect(parsePlatform("linux")).toBeUndefined();
    expect(parsePlatform("linux//v7")).toBeUndefined();
  });
  it("relates architectures the way kernels run them", () => {
    expect(architectureRelation("386", "amd64")).toBe("compat");
    expect(architectureRelation("amd64", "386")).toBe("foreign");
    expect(architectureRelation("arm64", "amd64")).toBe("foreign");
  });
});
