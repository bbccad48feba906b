/**
 * The browser-safe core really is browser-safe: walk the BUILT module graph from
 * dist/index.js (what `import "elfscope"` loads) and dist/index.cjs, following every relative
 * import, and assert that nothing reaches a Node built-in or any other package. Checking the
 * build, not the sources, catches a bundler inlining or hoisting something the sources hid.
 */
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const DIST = join(import.meta.dirname, "..", "..", "dist");

// Static imports/exports, dynamic import(), and require(): the specifier in each.
const SPECIFIERS = [
  /\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']/g,
  /\bexport\s*(?:[\w*{}\s,$]+)\s*from\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
];

function specifiers(code: string): string[] {
  const out = new Set<string>();
  for (const re of SPECIFIERS) for (const m of code.matchAll(re)) out.add(m[1]!);
  return [...out];
}

/** Every file reachable from `entry` and every non-relative specifier met on the way. */
function walk(entry: string): { files: string[]; external: string[] } {
  const files = new Set<string>();
  const external = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of specifiers(readFileSync(file, "utf8"))) {
      if (spec.startsWith("./") || spec.startsWith("../")) stack.push(resolve(dirname(file), spec));
      else external.add(spec);
    }
  }
  return { files: [...files], external: [...external] };
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe.each(["index.js", "index.cjs"])("dist/%s", (entry) => {
  const path = join(DIST, entry);
  it.skipIf(!existsSync(path))("imports no node: module, no Node built-in and no package", () => {
    const { files, external } = walk(path);
    expect(files.length).toBeGreaterThan(0);
    expect(external.filter((s) => s.startsWith("node:") || NODE_BUILTINS.has(s))).toEqual([]);
    expect(external).toEqual([]);
    // Globals only Node has would fail at run time in a browser even without an import.
    for (const f of files) expect(readFileSync(f, "utf8"), f).not.toMatch(/\b(process\.(env|versions|platform)|Buffer\.from|__dirname|__filename)\b/);
  });
});

// Control: the walker does find built-ins where they are. (tsup writes `node:fs` as bare `fs`,
// which is why the check above looks for both spellings.)
it.skipIf(!existsSync(join(DIST, "node.js")))("the walker finds the built-ins of dist/node.js (Node-only)", () => {
  expect(walk(join(DIST, "node.js")).external.some((s) => NODE_BUILTINS.has(s))).toBe(true);
});
