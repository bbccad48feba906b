/**
 * A ceiling on V8's young generation for the CLI's one process (never for library callers,
 * whose process is theirs to tune).
 *
 * V8 doubles the young generation's two semi-spaces whenever the bytes that survived
 * scavenges since the last doubling exceed their size (src/heap/heap.cc,
 * `CheckNewSpaceExpansionCriteria`), up to 16 MB each on 64-bit hosts, and a scan of a system's
 * files gets there early: 32 MB of young generation, where 8 MB scans as fast (measured over
 * 1,343 files: 16 MB less peak RSS, no change in time; bench/README.md, "Memory"). So once it
 * has reached 8 MB, growth stops: `--semi-space-growth-factor` is read each time V8 grows new
 * space (src/heap/new-spaces.cc, `SemiSpaceNewSpace::Grow`), unlike `--max-semi-space-size`,
 * which is read once at start-up, and a bin cannot pass V8 flags on its command line. The flag
 * is process-wide, so worker threads stop growing too.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

/** Both semi-spaces together. */
const YOUNG_GENERATION_CEILING = 8 * 1024 * 1024;

let stopped = false;

/** Called once per file: stops the young generation's growth once it has reached the ceiling. */
export function limitYoungGeneration(): void {
  if (stopped) return;
  const young = getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
  // Another heap layout (a future V8 without semi-spaces): leave it alone.
  if (young === undefined) {
    stopped = true;
    return;
  }
  if (young.space_size < YOUNG_GENERATION_CEILING) return;
  setFlagsFromString("--semi-space-growth-factor=1");
  stopped = true;
}
