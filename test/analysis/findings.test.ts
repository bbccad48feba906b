import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gatherFacts } from "../../src/analysis/facts.js";
import { infoFindings } from "../../src/analysis/findings.js";
import { inspect, isElfError, openElf } from "../../src/index.js";
import { binPath, testBinaries } from "../support/binaries.js";
import { reportOf } from "./support.js";

/** Blockers and caveats each test binary must get on linux/amd64 (info findings not listed). */
const EXPECTED: Record<string, string[]> = {
  "c-glibc-dynamic": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES"],
  "c-glibc-dynamic-noshdr": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES"],
  "c-glibc-dynamic-i386": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES", "ARCH_COMPAT"],
  "c-glibc-getaddrinfo-static": ["STATIC_GLIBC_NSS"],
  "c-glibc-static": [],
  "c-glibc-static-pie": [],
  "c-hardened": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES"],
  "c-nohardening": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES"],
  "c-musl-dynamic": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES"],
  "c-musl-static": [],
  "c-relocatable.o": ["NOT_EXECUTABLE"],
  "c-uses-libdemo": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES"],
  "cpp-libstdcxx-dynamic": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES"],
  "libdemo.so": ["NOT_EXECUTABLE"],
  "c-glibc-dynamic.debug": ["NOT_EXECUTABLE"],
  "libdemo.debug": ["NOT_EXECUTABLE"],
  "libdemo-noshdr.so": ["NOT_EXECUTABLE"],
  "libgnuhash-s390x.so": ["ARCH_MISMATCH", "NOT_EXECUTABLE"],
  "libgnuhash-ppc32.so": ["ARCH_MISMATCH", "NOT_EXECUTABLE"],
  "go-static": [], "go-stripped": [], "go-nodwarf": [], "go-static-nobuildinfo": [], "go-tz-embedded": [],
  "go-386": ["ARCH_COMPAT"],
  "go-amd64v3": ["ISA_LEVEL_ABOVE_TARGET"],
  "go-arm64": ["ARCH_MISMATCH"], "go-armv7": ["ARCH_MISMATCH"], "go-mips": ["ARCH_MISMATCH"], "go-ppc64le": ["ARCH_MISMATCH"],
  "go-riscv64": ["ARCH_MISMATCH"], "go-s390x": ["ARCH_MISMATCH"],
  "go-cgo-glibc": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES", "NEEDS_PASSWD", "CGO_RESOLVER"],
  "go-cgo-musl": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES", "NEEDS_PASSWD", "CGO_RESOLVER"],
  "go-cgo-static-glibc": ["STATIC_GLIBC_NSS", "NEEDS_PASSWD", "CGO_RESOLVER"],
  "go-netgo": ["NEEDS_PASSWD"],
  "go-https": ["NEEDS_CA_CERTS"],
  "go-tz": ["NEEDS_TZDATA"],
  "go-user": ["NEEDS_PASSWD"],
  "go-pie-nocgo": ["NEEDS_INTERPRETER"],
  "go-pie-external": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES"],
  "go-pie-external-noshdr": ["NEEDS_INTERPRETER", "NEEDS_LIBRARIES"],
};

describe("findings of every test binary", () => {
  it.each(testBinaries())("%s", async (name) => {
    const r = await reportOf(name);
    const codes = r.scratch.findings.filter((f) => f.severity !== "info").map((f) => f.code).sort();
    expect(codes).toEqual([...(EXPECTED[name] ?? ["(not in the table)"])].sort());
    const blockers = r.scratch.findings.some((f) => f.severity === "blocker");
    expect(r.scratch.verdict).toBe(blockers ? "fails" : codes.length > 0 ? "runs-with-caveats" : "runs");
    for (const f of r.scratch.findings) {
      expect(f.evidence.length, f.code).toBeGreaterThan(0);
      expect(f.evidence.every((e) => e.length > 0), f.code).toBe(true);
      expect(f.fix.length, f.code).toBeGreaterThan(0);
      expect(f.message.length, f.code).toBeGreaterThan(0);
      // Blockers point at bytes in the file.
      if (f.severity === "blocker") expect(f.evidence.join(" "), f.code).toMatch(/file offset 0x[0-9a-f]+/);
    }
    expect(r.scratch.scratchReady === null).toBe(codes.length === 0);
  });
});

describe("the target platform", () => {
  it("an arm64 binary runs on linux/arm64 and an amd64 one does not", async () => {
    expect((await reportOf("go-arm64", "linux/arm64")).scratch.verdict).not.toBe("fails");
    const amd = await reportOf("go-static", "linux/arm64");
    expect(amd.scratch.verdict).toBe("fails");
    expect(amd.scratch.findings[0]?.code).toBe("ARCH_MISMATCH");
    expect(amd.scratch.findings[0]?.fix).toContain("GOARCH=arm64");
    expect(amd.scratch.platform).toBe("linux/arm64");
  });
  it("an amd64/v3 binary is fine on an amd64/v3 target; armv7 is above an arm/v6 target", async () => {
    const v3 = await reportOf("go-amd64v3", "linux/amd64/v3");
    expect(v3.scratch.findings.map((f) => f.code)).not.toContain("ISA_LEVEL_ABOVE_TARGET");
    const v6 = await reportOf("go-armv7", "linux/arm/v6");
    const isa = v6.scratch.findings.find((f) => f.code === "ISA_LEVEL_ABOVE_TARGET");
    expect(isa?.evidence).toEqual(["build setting GOARM=7 (.go.buildinfo)"]);
    expect(v6.scratch.verdict).toBe("runs-with-caveats");
  });
  it("a malformed platform is a usage error", async () => {
    await expect(inspect(new Uint8Array(readFileSync(binPath("go-static"))), { platform: "amd64" })).rejects.toThrow(TypeError);
  });
});

describe("base recommendation", () => {
  it.each([
    ["go-static", "scratch"], ["go-https", "gcr.io/distroless/static"], ["go-tz", "gcr.io/distroless/static"],
    ["c-glibc-dynamic", "gcr.io/distroless/base-debian12"], ["c-musl-dynamic", "alpine"], ["go-cgo-musl", "alpine"],
    ["c-glibc-getaddrinfo-static", "gcr.io/distroless/base-debian12"], ["go-arm64", null], ["c-relocatable.o", null],
  ])("%s → %s", async (name, base) => {
    expect((await reportOf(name)).scratch.base).toBe(base);
  });
  it("the scratch-ready change for a Go PIE without cgo names -buildmode=pie", async () => {
    expect((await reportOf("go-pie-nocgo")).scratch.scratchReady).toMatch(/-buildmode=pie/);
    expect((await reportOf("go-cgo-glibc")).scratch.scratchReady).toMatch(/CGO_ENABLED=0/);
  });
});

describe("separate debug files (objcopy --only-keep-debug)", () => {
  it.each(["c-glibc-dynamic.debug", "libdemo.debug"])("%s: one blocker that says what the file is, nothing read from bytes it lacks", async (name) => {
    const r = await reportOf(name);
    expect(r.scratch.findings).toHaveLength(1);
    const [f] = r.scratch.findings;
    expect(f!.message).toMatch(/^This is a separate debug file/);
    expect(f!.evidence[0]).toMatch(/^PT_LOAD \(program header \d+ at file offset 0x[0-9a-f]+\): PF_X, p_filesz 0, p_memsz 0x[0-9a-f]+$/);
    expect(f!.evidence[1]).toMatch(/^sections \.debug_/);
    expect(f!.fix).toContain(`GNU build ID ${r.notes.gnuBuildId}`);
    expect(r.scratch.base).toBeNull();
    // PT_DYNAMIC holds no bytes: its zero fill is DT_NULL to the loader, so no BAD_DYNAMIC.
    expect(r.warnings.map((w) => w.code)).not.toContain("BAD_DYNAMIC");
    expect(r.hardening.notes["canary"]).toMatch(/^imports nothing/);
  });
  it("the program's debug file has a PT_INTERP without a path: no interpreter, one warning", async () => {
    const r = await reportOf("c-glibc-dynamic.debug");
    expect(r.interpreter).toBeNull();
    expect(r.warnings).toEqual([{ code: "BAD_STRING", message: "PT_INTERP holds no path", offset: 0x318, value: "0" }]);
  });
  it("the program it was split from is judged as before", async () => {
    const codes = (await reportOf("c-glibc-dynamic")).scratch.findings.map((f) => f.code);
    expect(codes).toEqual(["NEEDS_INTERPRETER", "NEEDS_LIBRARIES", "GLIBC_FLOOR"]);
  });
});

describe("LIBC: only a statically linked C library", () => {
  it("a shared library that names glibc in DT_NEEDED is not called statically linked", async () => {
    const elf = await openElf(new Uint8Array(readFileSync(binPath("libdemo.so"))));
    const facts = await gatherFacts(elf, null);
    const glibc = { ...facts, libc: { ...facts.libc, family: "glibc" as const, evidence: ["DT_NEEDED libc.so.6 (glibc)"] } };
    expect(infoFindings(glibc).map((f) => f.code)).not.toContain("LIBC");
    expect(infoFindings({ ...glibc, kind: "static" }).map((f) => f.code)).toContain("LIBC");
    expect(infoFindings({ ...glibc, kind: "static-pie" }).map((f) => f.code)).toContain("LIBC");
  });
  it.each(["c-glibc-static", "c-musl-static", "c-glibc-static-pie"])("%s still gets it", async (name) => {
    expect((await reportOf(name)).scratch.findings.find((f) => f.code === "LIBC")?.message).toMatch(/^Statically linked (glibc|musl)\.$/);
  });
});

describe("damaged and foreign input", () => {
  it("program headers out of the file: verdict unknown, no throw", async () => {
    const bytes = new Uint8Array(readFileSync(binPath("go-static")));
    new DataView(bytes.buffer).setBigUint64(32, BigInt(bytes.length + 4096), true); // e_phoff past the end
    const r = await inspect(bytes);
    expect(r.scratch.verdict).toBe("unknown");
    expect(r.scratch.findings.map((f) => f.code)).toContain("DAMAGED");
    expect(r.warnings.length).toBeGreaterThan(0);
  });
  it("a relocatable object still fails even without program headers", async () => {
    expect((await reportOf("c-relocatable.o")).scratch.verdict).toBe("fails");
  });
  it("non-ELF input is the only rejection", async () => {
    const e = await inspect(new TextEncoder().encode("#!/bin/sh\necho hi\n")).catch((x: unknown) => x);
    expect(isElfError(e) && e.code).toBe("NOT_ELF");
  });
});
