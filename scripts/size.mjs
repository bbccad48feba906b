#!/usr/bin/env node
// `npm run size`: the browser-safe core (src/index.ts, everything `import "elfscope"` pulls in)
// bundled for the browser, minified, then gzipped at level 9, against a stated budget. Fails
// (exit 1) over budget, so size creep shows up in CI rather than in users' bundles.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";

// About 45% of the core is the ELF name tables (every EM_*, PT_*, SHT_*, DT_* … name, as readelf
// prints them); the rest is the ELF reader, Go build info and the verdict. 56 KB leaves ~20%
// headroom over the full library; raise it only with a reason in the commit message.
const BUDGET_GZ = 56 * 1024;

const result = await build({
  entryPoints: ["src/index.ts"],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  write: false,
  logLevel: "error",
});
const code = result.outputFiles[0].contents;
const gz = gzipSync(code, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pct = ((gz / BUDGET_GZ) * 100).toFixed(0);
console.log(`browser core (src/index.ts): ${kb(code.length)} minified, ${kb(gz)} min+gzip; budget ${kb(BUDGET_GZ)} (${pct}%)`);
if (gz > BUDGET_GZ) {
  console.error(`over budget by ${kb(gz - BUDGET_GZ)}`);
  process.exit(1);
}
