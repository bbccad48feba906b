/**
 * Replays every input the fuzzer saved (test/fuzz/regressions/*.bin) through the same oracle
 * that caught it. A file is named after what it found; each must now pass.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exercise } from "./oracle.js";

const DIR = join(import.meta.dirname, "regressions");
const files = readdirSync(DIR).filter((f) => f.endsWith(".bin")).sort();

describe("fuzz regressions", () => {
  it("has a regression directory", () => expect(files).toBeDefined());
  for (const f of files) {
    it(f, async () => {
      const bytes = new Uint8Array(readFileSync(join(DIR, f)));
      // Every check of the oracle at once: with and without the block cache, strict too.
      expect(await exercise(bytes)).toBeUndefined();
    });
  }
});
