/**
 * The CI fuzz run (issue 6): a fixed seed, 200,000 executions in all when CI is set (20,000
 * locally, see ci-shard.ts), split over two files
 * (fuzz-ci.test.ts and fuzz-ci-2.test.ts) so vitest's two workers share them. Seeds are the
 * synthetic files and test-binary prefixes of at most 8 KiB, read from memory: small inputs
 * keep an execution near a millisecond. Any failure fails the test and is written to
 * test/fuzz/regressions/ so it can be replayed and fixed. FUZZ_EXECS overrides the count.
 */
import { describe, expect, it } from "vitest";
import { runCiShard } from "./ci-shard.js";

describe("fuzz (CI, fixed seed)", () => {
  it("shard 1: only ElfError escapes, no slow input, bounded output and heap", async () => {
    const r = await runCiShard(0);
    expect(r.failures).toEqual([]);
  }, 240_000);
});
