/**
 * `file` is the tool people check linkage and stripping with; where it speaks, we must agree:
 * "statically linked" / "static-pie linked" / "dynamically linked", "interpreter X",
 * "BuildID[sha1]=…", "Go BuildID=…", "with debug_info", "not stripped" / "stripped". Live when
 * `file` is installed, else the golden text in test/golden/file.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspect } from "../../src/index.js";
import { binPath, GOLDEN_DIR, testBinaries } from "../support/binaries.js";

function fileText(name: string): string | undefined {
  try {
    return execFileSync("file", ["-b", binPath(name)], { env: { ...process.env, LC_ALL: "C" } }).toString().trim();
  } catch {
    const golden = join(GOLDEN_DIR, "file", `${name}.txt`);
    return existsSync(golden) ? readFileSync(golden, "utf8").trim() : undefined;
  }
}

describe("agreement with file(1)", () => {
  it.each(testBinaries())("%s", async (name) => {
    const text = fileText(name);
    expect(text, "file output or its golden copy").toBeDefined();
    const r = await inspect(readFileSync(binPath(name)));
    const said = (phrase: string): boolean => text!.includes(phrase);
    const linkage = said("static-pie linked") ? "static-pie" : said("statically linked") ? "static" : said("dynamically linked") ? "dynamic" : null;
    if (r.elf.type !== "ET_REL") expect(r.linkage.kind).toBe(linkage);
    // file prints "interpreter *empty*" for a PT_INTERP without bytes (a separate debug file);
    // there is no path to report then, only a warning, as readelf finds none.
    const interpreter = /interpreter ([^,]+)/.exec(text!)?.[1];
    expect(r.interpreter).toBe(interpreter === "*empty*" ? null : (interpreter ?? null));
    if (interpreter === "*empty*") expect(r.warnings.map((w) => w.message)).toContain("PT_INTERP holds no path");
    expect(r.notes.gnuBuildId).toBe(/BuildID\[sha1\]=([0-9a-f]+)/.exec(text!)?.[1] ?? null);
    // file prints one build ID: with both a GNU and a Go note (external linking) it names only
    // the GNU one, so the Go ID can be checked only when file shows it or shows no build ID.
    const goId = /Go BuildID=([^,]+)/.exec(text!)?.[1];
    if (goId !== undefined || !said("BuildID")) expect(r.notes.goBuildId).toBe(goId ?? null);
    expect(r.debug.stripped).toBe(!said("not stripped"));
    expect(said("with debug_info")).toBe(r.debug.dwarfSections.includes(".debug_info") || r.debug.dwarfSections.includes(".zdebug_info"));
  });
});
