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
