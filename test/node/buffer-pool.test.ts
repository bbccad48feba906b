import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inspect, inspectFile, openFile, ReadBufferPool } from "../../src/node.js";
import { binPath, testBinaries } from "../support/binaries.js";

/** glibc's DEFAULT_MMAP_THRESHOLD_MAX on 64-bit hosts: every pooled block is larger. */
const MMAP_THRESHOLD_MAX = 32 * 1024 * 1024;

describe("ReadBufferPool", () => {
  it("hands out blocks above glibc's mmap threshold maximum, and takes them back for reuse", () => {
    const pool = new ReadBufferPool({ keepUpTo: Infinity });
    const a = pool.take(10);
    expect(a.byteLength).toBeGreaterThan(MMAP_THRESHOLD_MAX);
    const big = pool.take(40 * 1024 * 1024);
    expect(big.byteLength).toBe(40 * 1024 * 1024);
    expect(pool.size).toBe(0);
    pool.give(big);
    pool.give(a);
    pool.give(a);
    expect(pool.size).toBe(2);
    // The smallest block that fits, so the large one stays for a large read.
    expect(pool.take(1024)).toBe(a);
    expect(pool.take(1024)).toBe(big);
    expect(pool.take(1024)).not.toBe(a);
  });

  it("drops a block that held a read longer than keepUpTo (its pages would stay memory), keeps the others", () => {
    const pool = new ReadBufferPool({ keepUpTo: 8 * 1024 * 1024 });
    const big = pool.take(9 * 1024 * 1024);
    pool.give(big);
    expect(pool.size).toBe(0);
    const block = pool.take(8 * 1024 * 1024);
    pool.give(block);
    expect(pool.size).toBe(1);
    // Reused for a longer read, the same block is dropped in its turn.
    expect(pool.take(9 * 1024 * 1024)).toBe(block);
    pool.give(block);
    expect(pool.size).toBe(0);
  });

  it("keeps at most maxFree blocks", () => {
    const pool = new ReadBufferPool({ maxFree: 1 });
    const a = pool.take(1);
    const b = pool.take(1);
    pool.give(a);
    pool.give(b);
    expect(pool.size).toBe(1);
    expect(pool.take(1)).toBe(a);
  });
});

describe("a file source with a pool", () => {
  it.each([{ syncMax: undefined }, { syncMax: 0 }])("large reads borrow pooled blocks until close, small ones do not (syncMax %o)", async ({ syncMax }) => {
    const path = binPath("go-https");
    const whole = readFileSync(path);
    const pool = new ReadBufferPool({ minRead: 64 * 1024 });
    const options = { pool, ...(syncMax === undefined ? {} : { syncMax }) };
    const first = await openFile(path, options);
    const large = await first.read(100_000, 200_000);
    const small = await first.read(0, 1_000);
    expect(Buffer.from(large).equals(whole.subarray(100_000, 300_000))).toBe(true);
    expect(large.buffer.byteLength).toBeGreaterThan(MMAP_THRESHOLD_MAX);
    expect(small.buffer.byteLength).toBeLessThan(MMAP_THRESHOLD_MAX);
    expect(pool.size).toBe(0);
    await first.close?.();
    expect(pool.size).toBe(1);
    // The next file's large read reuses the block, with its own bytes in it.
    const second = await openFile(path, options);
    const again = await second.read(1_000_000, 300_000);
    expect(again.buffer).toBe(large.buffer);
    expect(Buffer.from(again).equals(whole.subarray(1_000_000, 1_300_000))).toBe(true);
    await second.close?.();
    expect(pool.size).toBe(1);
  });

  it("reports hold no bytes: inspecting the next files through the same blocks leaves earlier reports unchanged", async () => {
    // Every read of 4 KiB or more is pooled (the CLI pools from 1 MiB, which only large Go
    // binaries reach): if a report kept a view of what it read, a later file overwriting the
    // block would change it.
    let reused = 0;
    class CountingPool extends ReadBufferPool {
      private readonly handedOut = new Set<ArrayBuffer>();
      override take(length: number): ArrayBuffer {
        const b = super.take(length);
        if (this.handedOut.has(b)) reused++;
        this.handedOut.add(b);
        return b;
      }
    }
    const pool = new CountingPool({ minRead: 4096, maxFree: 64 });
    const names = testBinaries();
    const kept: { name: string; report: unknown; json: string }[] = [];
    for (const name of names) {
      const source = await openFile(binPath(name), { pool });
      let report;
      try {
        report = await inspect(source, { path: name });
      } finally {
        await source.close?.();
      }
      kept.push({ name, report, json: JSON.stringify(report) });
    }
    expect(reused).toBeGreaterThan(10);
    for (const k of kept) {
      expect(JSON.stringify(k.report), k.name).toBe(k.json);
      expect(k.json, k.name).toBe(JSON.stringify(await inspectFile(binPath(k.name), { path: k.name })));
    }
  });
});
