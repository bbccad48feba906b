import type { ElfFile } from "../../src/index.js";
import type { ReadelfSymbol } from "./readelf.js";

/**
 * What `importedNamesOutsideHash`, `dynamicSymbol` and `hashedSymbols` must agree on with
 * readelf's `.dynsym` listing (the null symbol included): the imports outside the hash table
 * are readelf's imports in order minus those the hash table holds, each of which `dynamicSymbol`
 * finds as undefined; with `complete`, they are all of them; and exports, by name, are found at
 * an index where readelf lists that name with that value. Returns the mismatches.
 */
export async function checkHashLookups(elf: ElfFile, syms: readonly ReadelfSymbol[], exportSample = 24): Promise<string[]> {
  const bad: string[] = [];
  const imports = syms.filter((s) => s.ndx === "UND" && s.index !== 0);
  const outside = await elf.importedNamesOutsideHash();
  if (outside.complete && outside.names.join("\n") !== imports.map((s) => s.name).join("\n")) bad.push("complete, but not every import");
  // The names outside must be readelf's imports in table order, a run from the first on.
  const leading = imports.slice(0, outside.names.length).map((s) => s.name);
  if (leading.join("\n") !== outside.names.join("\n")) bad.push(`outside names differ: ${outside.names.slice(0, 3).join(",")}… vs ${leading.slice(0, 3).join(",")}…`);
  for (const s of imports.slice(outside.names.length)) {
    const found = await elf.dynamicSymbol(s.name);
    if (found === undefined || found.shndx !== 0) bad.push(`hashed import ${s.name} (index ${s.index}) not found as undefined`);
  }
  // readelf names a section symbol after its section; its own name is empty, and it is local.
  const exports = syms.filter((s) => s.ndx !== "UND" && s.name !== "" && s.bind !== "LOCAL" && s.type !== "SECTION");
  const step = Math.max(1, Math.floor(exports.length / exportSample));
  const sample = exports.filter((_, i) => i % step === 0).slice(0, exportSample);
  const hashed = await elf.hashedSymbols(sample.map((s) => s.name));
  for (const s of sample) {
    const found = await elf.dynamicSymbol(s.name);
    const same = found !== undefined && syms.some((r) => r.index === found.index && r.name === s.name && r.value === found.value);
    if (!same) bad.push(`export ${s.name} (index ${s.index}) found as ${found === undefined ? "nothing" : `index ${found.index}`}`);
  }
  // hashedSymbols returns only names asked for, and finds some when exports were sampled.
  for (const h of hashed) if (!sample.some((s) => s.name === h.name)) bad.push(`hashedSymbols returned ${h.name}, not asked for`);
  if (outside.complete === false && hashed.length === 0 && sample.length > 0) {
    const hashable = sample.filter((s) => s.index >= imports.length);
    if (hashable.length > 0) bad.push("hashedSymbols found none of the sampled exports");
  }
  if ((await elf.dynamicSymbol("elfscope no such symbol")) !== undefined) bad.push("found a name that is not there");
  return bad;
}
