import { describe, expect, it } from "vitest";
import { reportOf } from "./support.js";

/**
 * Expected from how each binary was built (scripts/build-test-binaries.sh) and what checksec
 * reports for such builds: c-hardened has -fstack-protector-strong, _FORTIFY_SOURCE=2, PIE,
 * -z relro -z now; c-nohardening has none of them and an executable stack.
 */
describe("hardening", () => {
  it("c-hardened: everything on", async () => {
    const h = (await reportOf("c-hardened")).hardening;
    expect(h).toMatchObject({ pie: true, nx: true, relro: "full", bindNow: true, canary: true, fortify: true, textrel: false });
  });
  it("c-nohardening: everything off", async () => {
    const h = (await reportOf("c-nohardening")).hardening;
    expect(h).toMatchObject({ pie: false, nx: false, relro: "none", bindNow: false, canary: false, fortify: false });
  });
  it("pure Go: canary and FORTIFY are not applicable, not missing", async () => {
    for (const name of ["go-static", "go-stripped", "go-pie-nocgo"]) {
      const h = (await reportOf(name)).hardening;
      expect(h.canary, name).toBe("not-applicable");
      expect(h.fortify, name).toBe("not-applicable");
      expect(h.notes["canary"]).toMatch(/pure Go/);
    }
    expect((await reportOf("go-pie-nocgo")).hardening.pie).toBe(true);
    expect((await reportOf("go-static")).hardening.pie).toBe(false);
  });
  it("cgo: the C part is judged", async () => {
    const h = (await reportOf("go-cgo-static-glibc")).hardening;
    expect(typeof h.canary).toBe("boolean");
    expect(h.notes["canary"]).toMatch(/cgo/);
  });
  it("RPATH and RUNPATH are reported", async () => {
    expect((await reportOf("c-uses-libdemo")).hardening.rpath).toEqual(["/opt/demo/lib"]);
    expect((await reportOf("libdemo.so")).hardening.runpath).toEqual(["$ORIGIN/../lib"]);
  });
  it("a shared object is not called a program without PIE: a note, as checksec says DSO", async () => {
    for (const name of ["libdemo.so", "libdemo-noshdr.so", "libgnuhash-s390x.so"]) {
      const h = (await reportOf(name)).hardening;
      expect(h.pie, name).toBe(false);
      expect(h.notes["pie"], name).toMatch(/^a shared object .*checksec.sh: DSO/);
    }
    for (const name of ["c-glibc-dynamic", "c-glibc-static-pie", "c-nohardening", "go-static", "c-relocatable.o"]) {
      expect((await reportOf(name)).hardening.notes["pie"], name).toBeUndefined();
    }
  });
  it("static-pie is PIE", async () => {
    expect((await reportOf("c-glibc-static-pie")).hardening.pie).toBe(true);
    expect((await reportOf("c-glibc-static")).hardening.pie).toBe(false);
  });
  it("a file that links libraries dynamically is judged even when none of the listed imports is the canary's or FORTIFY's", async () => {
    // As if a linker had hashed every import (the report lists those outside DT_GNU_HASH, and
    // looks up only the canary and FORTIFY names in it): DT_NEEDED still says imports tell.
    const { readFileSync } = await import("node:fs");
    const { openElf } = await import("../../src/index.js");
    const { gatherFacts } = await import("../../src/analysis/facts.js");
    const { hardeningOf } = await import("../../src/analysis/hardening.js");
    const { binPath } = await import("../support/binaries.js");
    const f = await gatherFacts(await openElf(new Uint8Array(readFileSync(binPath("c-nohardening")))), null);
    expect(f.dynamic?.needed).toEqual(["libc.so.6"]);
    expect(hardeningOf({ ...f, imported: [] })).toMatchObject({ canary: false, fortify: false });
    // Without DT_NEEDED and with no imports and no .symtab read, nothing tells.
    expect(hardeningOf({ ...f, imported: [], dynamic: { ...f.dynamic!, needed: [] } })).toMatchObject({ canary: null, fortify: null });
  });
});
