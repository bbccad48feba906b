import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadCorpus } from "./corpus.js";
import { fuzz, type FuzzStats } from "./engine.js";

export const CI_SEED = 0x6e1f;
/**
 * 200,000 on CI (issue 6). A local `npm test` runs 20,000 so other suites are not held up: at
 * ~350 executions per CPU second under vitest, 200,000 take minutes on a 2-core machine.
 * FUZZ_EXECS sets any count.
 */
export const CI_EXECS = Number(process.env.FUZZ_EXECS ?? (process.env.CI ? 200_000 : 20_000));
const SHARDS = 2;

/** One half of the CI run. Returns the failures (kind: detail) and the run's numbers. */
export async function runCiShard(shard: number): Promise<{ failures: string[]; stats: FuzzStats }> {
  const corpus = loadCorpus(8 * 1024).map((s) => s.bytes);
  const failures: string[] = [];
  const stats = await fuzz({
    execs: Math.ceil(CI_EXECS / SHARDS),
    seed: CI_SEED + shard,
    corpus,
    maxBytes: 8 * 1024,
    onFailure(f, input) {
      failures.push(`${f.kind}: ${f.detail.split("\n")[0]}`);
      const dir = join(import.meta.dirname, "regressions");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `ci-${f.kind}-${shard}-${failures.length}.bin`), input);
      return failures.length < 10;
    },
  });
  console.log(
    `[fuzz-ci shard ${shard}] ${stats.execs} execs in ${stats.seconds.toFixed(1)} s: ${Math.round(stats.execsPerSecond)}/s ` +
      `(${Math.round(stats.execsPerCpuSecond)} per CPU second), slowest ${stats.slowest.ms.toFixed(1)} ms, ` +
      `heap +${(stats.maxHeapGrowth / 2 ** 20).toFixed(1)} MiB`,
  );
  return { failures, stats };
}
