/**
 * The Go layer against the real Go binaries in test/binaries (built by
 * scripts/build-test-binaries.sh with Go 1.19.8) and, when present, the newer Go binaries of
 * the Google Cloud SDK on this machine (Go 1.22–1.25: the go1.20 pclntab layout, module
 * replacements, DefaultGODEBUG, vcs settings).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { packageOf, renderGoVersionM } from "../../src/go/index.js";
import { analyzePath, BIN, golden, hasGo, liveVersionM, nmTextSymbols } from "./helpers.js";

const goBinaries = existsSync(BIN) ? readdirSync(BIN).filter((n) => n.startsWith("go-")).sort() : [];
if (goBinaries.length === 0) console.warn("test/binaries has no Go binaries: skipping the real-binary Go tests");
if (!hasGo) console.warn("go is not installed: comparing with golden go version -m text, skipping go tool nm checks");

/**
 * Go 1.19's `go version -m` reads only the first 64 KiB of the first writable segment when
 * there are no section headers (debug/buildinfo `DataStart`), so it misses build info that
 * Go 1.22+ (`searchMagic` over the whole segment) and elfscope find: for these files the
 * expected text is that of the same build with section headers.
 */
const SEARCHED_BY_NEWER_GO: Record<string, string> = { "go-pie-external-noshdr": "go-pie-external" };

function expectedVersionM(name: string): string | undefined {
  const twin = SEARCHED_BY_NEWER_GO[name];
  if (twin !== undefined) {
    const text = hasGo ? liveVersionM(BIN, twin) : golden(twin);
    return text?.replace(`${twin}: `, `${name}: `);
  }
  return hasGo ? liveVersionM(BIN, name) : golden(name);
}

describe.skipIf(goBinaries.length === 0)("go version -m parity", () => {
  for (const name of goBinaries) {
    it(name, async () => {
      const expected = expectedVersionM(name);
      if (expected === undefined) return void console.warn(`no golden go version -m text for ${name}`);
      const { go } = await analyzePath(BIN + name);
      expect(go).not.toBeNull();
      expect(renderGoVersionM(name, go!.info)).toBe(expected);
    });
  }
});

/**
 * Exceptions between pclntab and `.symtab`, each from the Go linker:
 * - ABI0 assembly functions and ABI wrappers are named `X.abi0` in `.symtab`, `X` in pclntab
 *   (cmd/link/internal/ld/symtab.go mangleABIName), so a pclntab name can appear twice;
 * - pclntab shortens bracketed parts — instantiations of generic functions `F[go.shape.int_0]`
 *   and array equality functions `type..eq.[5]T` — to `[...]`, and keeps the middle dot `·`
 *   that `.symtab` writes as `.`;
 * - `runtime.text`/`runtime.etext` are markers, not functions; C code (libc, crt files, cgo's
 *   C side: `_start`, `x_cgo_init`, `net(.text)`, GCC clones `f.constprop.0`) has no pclntab entry.
 */
function normalizeNm(n: string): string {
  return collapseBrackets(n.replace(/\.abi0$/, ""));
}
const normalizePcln = (n: string): string => collapseBrackets(n.replaceAll("·", "."));

/** "[5]", "[go.shape.int_0]" (nested too) → "[...]", as pclntab writes them. */
function collapseBrackets(n: string): string {
  let out = "";
  let depth = 0;
  for (const c of n) {
    if (c === "[") {
      if (depth++ === 0) out += "[...]";
    } else if (c === "]") depth--;
    else if (depth === 0) out += c;
  }
  return out;
}
function isNonGo(n: string): boolean {
  return n === "runtime.text" || n === "runtime.etext" || packageOf(n) === undefined || n.includes("(") ||
    /\.(constprop|isra|part|cold|lto_priv)\b/.test(n);
}

describe.skipIf(goBinaries.length === 0 || !hasGo)("pclntab names equal go tool nm text symbols", () => {
  for (const name of goBinaries) {
    it(name, async () => {
      const { elf, go } = await analyzePath(BIN + name);
      if ((await elf.debugInfo()).stripped) return; // no .symtab to compare with
      const ours = new Set(go!.functions!.names().map(normalizePcln));
      const nm = new Set(nmTextSymbols(BIN + name).map(normalizeNm));
      expect([...ours].filter((n) => !nm.has(n))).toEqual([]);
      expect([...nm].filter((n) => !ours.has(n) && !isNonGo(n))).toEqual([]);
    });
  }
});

const present = (...names: string[]) => names.every((n) => goBinaries.includes(n));

describe.skipIf(goBinaries.length === 0)("Go facts of the test programs", () => {
  it.skipIf(!present("go-static", "go-stripped", "go-nodwarf"))("stripped and unstripped builds link the same packages", async () => {
    const full = (await analyzePath(BIN + "go-static")).go!.info.packages;
    expect(full.length).toBeGreaterThan(10);
    expect((await analyzePath(BIN + "go-stripped")).go!.info.packages).toEqual(full);
    expect((await analyzePath(BIN + "go-nodwarf")).go!.info.packages).toEqual(full);
  });

  it.skipIf(!present("go-pie-external", "go-pie-external-noshdr"))("externally linked PIE: pclntab found without a section, functions and packages", async () => {
    for (const name of ["go-pie-external", "go-pie-external-noshdr"]) {
      const { elf, go } = await analyzePath(BIN + name);
      expect(elf.sectionByName(".gopclntab")).toBeUndefined();
      // Through runtime.firstmoduledata when its pointers are in the file, else by magic.
      expect(["moduledata", "scan"]).toContain(go!.info.pclntab?.foundBy);
      expect(go!.hasFunction("main.main")).toBe(true);
      expect(go!.hasPackage("runtime")).toBe(true);
      expect(go!.info.packages).toEqual((await analyzePath(BIN + "go-static")).go!.info.packages);
    }
  });

  it.skipIf(!present("go-static-nobuildinfo"))("zeroed .go.buildinfo: still Go, version recovered", async () => {
    const { go } = await analyzePath(BIN + "go-static-nobuildinfo");
    expect(go).not.toBeNull();
    expect(go!.info.buildInfo).toBeNull();
    expect(go!.info.version).toBe("go1.19.8");
    expect(go!.info.versionSource).toBe("symtab");
    expect(renderGoVersionM("go-static-nobuildinfo", go!.info)).toBe(
      "go-static-nobuildinfo: could not read Go build info from go-static-nobuildinfo: not a Go executable\n",
    );
  });

  const cgoCases: [string, boolean, string | null][] = [
    ["go-cgo-glibc", true, "1"],
    ["go-cgo-musl", true, "1"],
    ["go-cgo-static-glibc", true, "1"],
    // -tags netgo,osusergo with CGO_ENABLED=1: nothing imports "C", runtime/cgo is not linked.
    ["go-netgo", false, "1"],
    ["go-static", false, "0"],
    ["go-user", false, "0"],
    ["go-https", false, "0"],
    ["go-pie-nocgo", false, "0"],
  ];
  for (const [name, cgo, setting] of cgoCases) {
    it.skipIf(!present(name))(`cgo evidence: ${name}`, async () => {
      const { go } = await analyzePath(BIN + name);
      const info = go!.info;
      expect(info.cgo).toBe(cgo);
      expect(info.cgoEnabled).toBe(setting);
      expect(info.cgoDisagreement !== null).toBe(setting === "1" && !cgo);
      if (cgo) {
        expect(info.cgoEvidence.map((e) => e.marker)).toEqual(expect.arrayContaining(["crosscall2", "net._C2func_getaddrinfo", "os/user._Cfunc_*"]));
        expect(go!.features().netCgoResolver).toBe(true);
      } else {
        expect(info.cgoEvidence.filter((e) => e.kind !== "cgo-resolver")).toEqual([]);
        expect(go!.features().netCgoResolver).toBe(false);
      }
    });
  }

  it.skipIf(!present("go-https", "go-tz", "go-tz-embedded", "go-user", "go-static"))("features for the scratch verdict", async () => {
    const f = async (n: string) => (await analyzePath(BIN + n)).go!.features();
    expect((await f("go-https")).x509).toBe(true);
    expect((await f("go-static")).x509).toBe(false);
    expect((await f("go-tz")).timezoneLoading).toBe(true);
    expect((await f("go-tz")).tzdataEmbedded).toBe(false);
    expect((await f("go-tz-embedded")).tzdataEmbedded).toBe(true);
    expect((await f("go-user")).osUser).toBe(true);
    expect((await f("go-static")).osUser).toBe(false);
  });

  it.skipIf(!present("go-static", "go-mips", "go-s390x", "go-386"))("build IDs and byte orders", async () => {
    const s = (await analyzePath(BIN + "go-static")).go!.info;
    expect(s.buildId.go).toMatch(/^[\w-]+\/[\w-]+\/[\w-]+\/[\w-]+$/);
    expect((await analyzePath(BIN + "go-mips")).go!.info.pclntab).toMatchObject({ byteOrder: "big", pointerSize: 4, quantum: 4 });
    expect((await analyzePath(BIN + "go-s390x")).go!.info.pclntab).toMatchObject({ byteOrder: "big", pointerSize: 8, quantum: 2 });
    expect((await analyzePath(BIN + "go-386")).go!.info.pclntab).toMatchObject({ byteOrder: "little", pointerSize: 4 });
  });

  it.skipIf(!present("go-pie-external"))("GNU build-id of an externally linked build", async () => {
    const info = (await analyzePath(BIN + "go-pie-external")).go!.info;
    expect(info.buildId.gnu).toMatch(/^[0-9a-f]{40}$/);
    expect(info.buildId.go).not.toBeNull();
  });
});

describe("non-Go binaries", () => {
  const isElf = (n: string) => readFileSync(BIN + n).subarray(0, 4).toString("latin1") === "\x7fELF";
  const cBinaries = existsSync(BIN) ? readdirSync(BIN).filter((n) => !n.startsWith("go-") && isElf(n)) : [];
  for (const name of cBinaries) {
    it(`${name} is not Go`, async () => {
      const { go } = await analyzePath(BIN + name);
      expect(go).toBeNull();
      expect(renderGoVersionM(name, null)).toBe(`${name}: could not read Go build info from ${name}: not a Go executable\n`);
    });
  }
});
