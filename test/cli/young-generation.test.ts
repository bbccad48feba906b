import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const FIXTURE = join(import.meta.dirname, "fixtures", "young-generation.ts");

/** The largest young generation (bytes) a fresh process saw while allocating survivors. */
function largestYoung(limit: boolean): number {
  const r = spawnSync(process.execPath, ["--import", "tsx", FIXTURE], {
    encoding: "utf8",
    env: { ...process.env, LIMIT: limit ? "1" : "0" },
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toBe("");
  return Number(r.stdout.trim());
}

describe("limitYoungGeneration", () => {
  it("stops V8's young generation at 8 MB, where it would grow to 32 MB", () => {
    // The control run shows the allocation pattern does grow it: otherwise the limit proves nothing.
    expect(largestYoung(false)).toBeGreaterThan(16 * 1024 * 1024);
    expect(largestYoung(true)).toBeLessThanOrEqual(8 * 1024 * 1024);
  });
});
