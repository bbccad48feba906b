import { describe, expect, it } from "vitest";
import { inspectFile, type ReadStats } from "../../src/node.js";
import { binPath } from "../support/binaries.js";

describe("inspectFile", () => {
  it.each(["go-https", "c-uses-libdemo", "libdemo-noshdr.so"])("%s: the synchronous and the fs/promises paths give one report", async (name) => {
    const syncStats: ReadStats = { bytesRead: 0, calls: 0 };
    const asyncStats: ReadStats = { bytesRead: 0, calls: 0 };
    const a = await inspectFile(binPath(name), { stats: syncStats });
    const b = await inspectFile(binPath(name), { syncMax: 0, stats: asyncStats });
    expect(b).toEqual(a);
    expect(asyncStats).toEqual(syncStats);
    expect(syncStats.bytesRead).toBeGreaterThan(0);
  });

  it("a missing file rejects with the system error, not a report", async () => {
    await expect(inspectFile(binPath("no-such-file"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("read calls", () => {
  it("c-hardened (gcc, GNU ld): five reads, the small tables after the program headers in one", async () => {
    // The first KiB; the section headers with .shstrtab before them; .dynamic; .gnu.hash,
    // .dynsym, .dynstr and the version records together; .comment.
    const stats: ReadStats = { bytesRead: 0, calls: 0 };
    await inspectFile(binPath("c-hardened"), { stats });
    expect(stats.calls).toBeLessThanOrEqual(5);
    expect(stats.bytesRead).toBeLessThan(6 * 1024);
  });

  it("prefetch: ranges up to maxGap apart in one read, later reads from the cache; outside the file or past 64 KiB, nothing", async () => {
    const { openFile, ElfFile } = await import("../../src/node.js");
    const source = await openFile(binPath("go-https"));
    try {
      const elf = await ElfFile.open(source);
      const calls = () => source.stats.calls;
      let before = calls();
      await elf.prefetch([{ offset: 100_000, length: 100 }, { offset: 101_000, length: 100 }, { offset: 110_000, length: 10 }]);
      expect(calls() - before).toBe(2);
      before = calls();
      await elf.view(100_050, 1_000);
      await elf.view(110_000, 10);
      expect(calls()).toBe(before);
      await elf.prefetch([{ offset: source.size - 10, length: 20 }, { offset: 200_000, length: 70_000 }, { offset: -5, length: 10 }]);
      expect(calls()).toBe(before);
    } finally {
      await source.close?.();
    }
  });
});

describe("reads into the caller's buffer", () => {
  it("a descriptor source fills `into` and returns a view of it; the cache passes it through uncached; memory sources ignore it", async () => {
    const { openFile, withCache, fromBytes } = await import("../../src/node.js");
    const { readFileSync } = await import("node:fs");
    const path = binPath("go-https");
    const whole = readFileSync(path);
    for (const syncMax of [undefined, 0]) {
      const source = await openFile(path, syncMax === undefined ? {} : { syncMax });
      try {
        const into = new Uint8Array(100_000);
        const got = await source.read(5_000, 70_000, into);
        expect(got.buffer).toBe(into.buffer);
        expect(Buffer.from(got).equals(whole.subarray(5_000, 75_000))).toBe(true);
        // Too small a buffer is not used.
        const small = new Uint8Array(10);
        expect((await source.read(0, 64, small)).buffer).not.toBe(small.buffer);
        const cached = withCache(source);
        const before = source.stats.calls;
        const again = await cached.read(5_000, 64, into);
        expect(again.buffer).toBe(into.buffer);
        expect(source.stats.calls).toBe(before + 1);
      } finally {
        await source.close?.();
      }
    }
    const mem = fromBytes(whole);
    const into = new Uint8Array(64);
    const view = await mem.read(16, 32, into);
    expect(view.buffer).not.toBe(into.buffer);
    expect(Buffer.from(view).equals(whole.subarray(16, 48))).toBe(true);
  });
});

describe("goVersionText", () => {
  it("prints what go version -m prints (its golden copy), and Go's error for a non-Go file", async () => {
    const { goVersionText } = await import("../../src/node.js");
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { GOLDEN_DIR } = await import("../support/binaries.js");
    // The golden copies were made by running `go version -m NAME` inside test/binaries.
    const go = await inspectFile(binPath("go-https"));
    expect(goVersionText(go, "go-https")).toEqual({ ok: true, stdout: readFileSync(join(GOLDEN_DIR, "go-version-m", "go-https.txt"), "utf8"), stderr: "" });
    const c = await inspectFile(binPath("c-glibc-dynamic"));
    const r = goVersionText(c, "c-glibc-dynamic");
    expect(r.ok).toBe(false);
    expect(r.stderr).toBe("c-glibc-dynamic: could not read Go build info from c-glibc-dynamic: not a Go executable\n");
    expect(goVersionText(c).stderr.startsWith(`${binPath("c-glibc-dynamic")}: `)).toBe(true);
  });
});
