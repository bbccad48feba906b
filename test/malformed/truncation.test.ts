/**
 * Truncation sweep (issue 6): every test binary cut at 4 KiB boundaries (at most 32 cuts per
 * file, spread evenly, so big Go binaries stay fast: each cut is a full report with Go analysis)
 * and at every entry boundary, and inside every entry, of its program and section header tables, each through the full report: nothing but an
 * ElfError may escape, and lenient inspect() must always return a report.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inspect } from "../../src/index.js";
import { exercise } from "../fuzz/oracle.js";
import { binPath, testBinaries } from "../support/binaries.js";

const MAX_PAGE_CUTS = 32;

/** Cut points: sampled 4 KiB boundaries, and each header table entry's start and middle. */
export function cutPoints(b: Uint8Array): number[] {
  const cuts = new Set<number>();
  const pages = Math.floor(b.length / 4096);
  const step = Math.max(1, Math.ceil(pages / MAX_PAGE_CUTS));
  for (let p = 0; p <= pages; p += step) cuts.add(p * 4096);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const wide = b[4] === 2;
  const little = b[5] === 1;
  const word = (at: number) => (wide ? Number(dv.getBigUint64(at, little)) : dv.getUint32(at, little));
  const tables: [number, number, number][] = wide
    ? [[word(32), dv.getUint16(54, little), dv.getUint16(56, little)], [word(40), dv.getUint16(58, little), dv.getUint16(60, little)]]
    : [[word(28), dv.getUint16(42, little), dv.getUint16(44, little)], [word(32), dv.getUint16(46, little), dv.getUint16(48, little)]];
  for (const [off, entsize, num] of tables) {
    if (off === 0 || entsize === 0) continue;
    for (let i = 0; i <= num; i++) {
      cuts.add(off + i * entsize);
      cuts.add(off + i * entsize + (entsize >> 1));
    }
  }
  for (let i = 0; i <= 64; i += 4) cuts.add(i);
  return [...cuts].filter((c) => c >= 0 && c < b.length).sort((x, y) => x - y);
}

describe("truncation sweep", () => {
  for (const name of testBinaries()) {
    it(name, async () => {
      const whole = new Uint8Array(readFileSync(binPath(name)));
      for (const cut of cutPoints(whole)) {
        const part = whole.subarray(0, cut);
        // Past the ELF header, lenient mode must always produce a report.
        if (cut >= 64) await expect(inspect(part)).resolves.toBeDefined();
        // Odd variant: the oracle's own report is built over its ElfFile, with every accessor.
        const failure = await exercise(part, 1);
        if (failure !== undefined) throw new Error(`${name} cut at ${cut}: ${failure.kind}: ${failure.detail}`);
      }
    }, 120_000);
  }
});
