/**
 * Function entry addresses from pclntab against `go tool nm` (link-time addresses), on
 * internally and externally linked, PIE and big-endian Go binaries; and the relocated
 * `textStart` case: a PIE whose pclntab header holds 0 until a dynamic relocation fills it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeBytes, analyzePath, BIN, hasGo } from "./helpers.js";

const SAMPLE = ["go-static", "go-arm64", "go-s390x", "go-cgo-glibc", "go-pie-external", "go-pie-nocgo"].filter((n) => existsSync(BIN + n));
if (!hasGo) console.warn("go is not installed: skipping entry address checks against go tool nm");

/** Text symbols and their addresses; names nm lists twice (ABI wrappers) are dropped. */
function nmText(path: string): Map<string, bigint> {
  const out = execFileSync("go", ["tool", "nm", path], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  const seen = new Map<string, bigint | null>();
  for (const line of out.split("\n")) {
    const m = /^\s*([0-9a-f]+)\s+\d*\s*[Tt]\s+(.*)$/.exec(line);
    if (m === null) continue;
    seen.set(m[2]!, seen.has(m[2]!) ? null : BigInt(`0x${m[1]!}`));
  }
  return new Map([...seen].filter((e): e is [string, bigint] => e[1] !== null));
}

/** runtime.main, main.main and every 53rd plain name both tables have. */
function sample(nm: Map<string, bigint>, has: (n: string) => boolean): string[] {
  const plain = [...nm.keys()].filter((n) => !/[[\]·]|\.abi0$/.test(n) && has(n)).sort();
  return ["runtime.main", "main.main", ...plain.filter((_, i) => i % 53 === 0)];
}

describe.skipIf(SAMPLE.length === 0 || !hasGo)("entry(name) equals go tool nm", () => {
  for (const name of SAMPLE) {
    it(name, async () => {
      const { go } = await analyzePath(BIN + name);
      const nm = nmText(BIN + name);
      const names = sample(nm, (n) => go!.hasFunction(n));
      expect(names.length).toBeGreaterThan(20);
      for (const n of names) expect(go!.functionEntry(n), n).toBe(nm.get(n));
    });
  }
});

/** A copy of `name` with pclntab's textStart (1.18 header word 2, 64-bit LE) zeroed. */
function withZeroTextStart(name: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(BIN + name));
  const magic = [0xf0, 0xff, 0xff, 0xff, 0, 0, 1, 8];
  for (let i = 0; i + 32 <= bytes.length; i += 4) {
    if (magic.every((b, k) => bytes[i + k] === b)) {
      bytes.fill(0, i + 8 + 2 * 8, i + 8 + 3 * 8);
      return bytes;
    }
  }
  throw new Error(`no go1.18 pclntab header in ${name}`);
}

describe.skipIf(!existsSync(BIN + "go-pie-external") || !hasGo)("textStart left to a dynamic relocation", () => {
  it("with .symtab: runtime.text gives the base, entries still equal nm", async () => {
    const { go } = await analyzeBytes(withZeroTextStart("go-pie-external"));
    const nm = nmText(BIN + "go-pie-external");
    for (const n of ["runtime.main", "main.main", "runtime.text"].filter((x) => go!.hasFunction(x))) {
      expect(go!.functionEntry(n), n).toBe(nm.get(n));
    }
    expect(go!.functionEntry("runtime.main")).toBe(nm.get("runtime.main"));
  });

  it("without section headers: entries unknown rather than guessed, packages unchanged", async () => {
    const { go } = await analyzeBytes(withZeroTextStart("go-pie-external-noshdr"));
    const { go: intact } = await analyzePath(BIN + "go-pie-external-noshdr");
    expect(go!.functionEntry("runtime.main")).toBeUndefined();
    expect(go!.info.packages).toEqual(intact!.info.packages);
    expect(intact!.functionEntry("runtime.main")).toBe(nmText(BIN + "go-pie-external").get("runtime.main"));
  });
});
