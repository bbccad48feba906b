import { describe, expect, it } from "vitest";
import { libcFromInterpreter, libcFromNeeded, libcOf, type LibcInput } from "../../src/analysis/libc.js";
import { testBinaries } from "../support/binaries.js";
import { reportOf } from "./support.js";

/** The C library each test binary was linked with (scripts/build-test-binaries.sh); null: none. */
function expected(name: string): string | null {
  if (name === "go-cgo-musl" || name.startsWith("c-musl")) return "musl";
  if (name === "go-cgo-glibc" || name === "go-cgo-static-glibc" || name.startsWith("go-pie-")) return "glibc";
  if ((name.startsWith("c-") || name.startsWith("cpp-")) && name !== "c-relocatable.o") return "glibc";
  return null;
}

describe("libc family of every test binary", () => {
  it.each(testBinaries())("%s", async (name) => {
    const r = await reportOf(name);
    // libdemo.so calls nothing from libc (no DT_NEEDED); a relocatable object is not linked yet.
    const want = expected(name);
    expect(r.linkage.libc, r.linkage.libcEvidence.join("; ")).toBe(want);
    if (want !== null) expect(r.linkage.libcEvidence.length).toBeGreaterThan(0);
  });
});

const none: LibcInput = { interpreter: undefined, needed: [], versionNeeds: [], abiTag: false, noteOwners: [], comments: [], definedSymbols: new Set(), rodataMarkers: new Set() };

describe("libc rules", () => {
  it("knows each C library's loader", () => {
    expect(libcFromInterpreter("/lib64/ld-linux-x86-64.so.2")).toBe("glibc");
    expect(libcFromInterpreter("/lib/ld-linux-armhf.so.3")).toBe("glibc");
    expect(libcFromInterpreter("/lib/ld64.so.1")).toBe("glibc");
    expect(libcFromInterpreter("/lib/ld-musl-aarch64.so.1")).toBe("musl");
    expect(libcFromInterpreter("/lib/ld-uClibc.so.0")).toBe("uclibc");
    expect(libcFromInterpreter("/system/bin/linker64")).toBe("bionic");
    expect(libcFromInterpreter("/usr/libexec/ld.so")).toBeUndefined();
  });
  it("knows each C library's soname", () => {
    expect(libcFromNeeded("libc.so.6", undefined)).toBe("glibc");
    expect(libcFromNeeded("libc.musl-x86_64.so.1", undefined)).toBe("musl");
    expect(libcFromNeeded("libc.so", "/system/bin/linker")).toBe("bionic");
    expect(libcFromNeeded("libc.so", "/lib/ld-musl-x86_64.so.1")).toBe("musl");
    expect(libcFromNeeded("libc.so.0", undefined)).toBe("uclibc");
  });
  it("names a stripped static binary from strings that survive stripping", () => {
    expect(libcOf({ ...none, rodataMarkers: new Set(["glibc.malloc."]) }).family).toBe("glibc");
    expect(libcOf({ ...none, rodataMarkers: new Set(["No error information"]) }).family).toBe("musl");
    expect(libcOf(none)).toEqual({ family: null, evidence: [] });
  });
  it("lets the loader outweigh weaker marks", () => {
    const r = libcOf({ ...none, interpreter: "/lib/ld-musl-x86_64.so.1", abiTag: true, comments: ["GCC: (Debian 12.2.0-14) 12.2.0"] });
    expect(r.family).toBe("musl");
  });
});
