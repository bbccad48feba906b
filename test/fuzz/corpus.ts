/**
 * Fuzz seeds: the synthetic files of the malformed suite (every structure present, each class
 * and byte order, plus the damaged variants) and the test binaries, whole when small, else
 * their first `maxBytes` (headers, program headers, notes and usually the dynamic section are
 * at the front; small seeds keep executions fast).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "../malformed/builder.js";
import { malformedInputs } from "../malformed/cases.js";

export const BIN_DIR = join(import.meta.dirname, "..", "binaries");

export interface Seed {
  name: string;
  bytes: Uint8Array;
}

export function loadCorpus(maxBytes: number): Seed[] {
  const seeds: Seed[] = [];
  for (const cls of [32, 64] as const) {
    for (const endian of ["little", "big"] as const) seeds.push({ name: `built-${cls}-${endian}`, bytes: build({ class: cls, endian }).bytes });
  }
  for (const m of malformedInputs()) if (m.bytes.length <= maxBytes) seeds.push({ name: `malformed-${m.name}`, bytes: m.bytes });
  let names: string[] = [];
  try {
    names = readdirSync(BIN_DIR).filter((n) => statSync(join(BIN_DIR, n)).isFile() && !n.endsWith(".md")).sort();
  } catch {
    // test/binaries is generated; without it the synthetic seeds still cover every structure.
  }
  for (const n of names) {
    const all = readFileSync(join(BIN_DIR, n));
    seeds.push({ name: n, bytes: new Uint8Array(all.subarray(0, Math.min(all.length, maxBytes))) });
  }
  return seeds;
}
