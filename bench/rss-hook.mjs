// Loaded with `node --import bench/rss-hook.mjs dist/cli.js …`: at exit, writes the process's
// peak RSS to $ELFSCOPE_BENCH_RSS, so the bench measures the CLI itself, unmodified.
import { writeFileSync } from "node:fs";

const out = process.env.ELFSCOPE_BENCH_RSS;
if (out) {
  process.on("exit", () => {
    writeFileSync(out, JSON.stringify({ maxRSS: process.resourceUsage().maxRSS * 1024 }));
  });
}
