/**
 * The README's CLI examples are real: every ```-block that starts with `$ elfscope …` is run
 * (the built CLI, from the repository root, stderr merged as a terminal shows it) and must print
 * exactly the lines under it, up to the next `$` line. When the report's wording changes, paste
 * the new output into README.md (npm run build && node dist/cli.js <args>).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT } from "./helpers.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");

interface Example {
  command: string;
  expected: string;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const m of README.matchAll(/```\n(\$ elfscope [^\n]*)\n([\s\S]*?)```/g)) {
    const body = m[2]!.split("\n");
    const end = body.findIndex((l) => l.startsWith("$ "));
    out.push({ command: m[1]!.slice(2), expected: (end === -1 ? body : body.slice(0, end)).join("\n").trimEnd() });
  }
  return out;
}

describe("README examples", () => {
  const all = examples();
  it("has examples", () => expect(all.length).toBeGreaterThanOrEqual(5));
  for (const ex of all) {
    it(ex.command, () => {
      // Through a shell, because examples pipe into jq; skip those where jq is missing.
      if (ex.command.includes("| jq") && spawnSync("jq", ["--version"]).status !== 0) return;
      const sh = `"${process.execPath}" "${CLI}" ${ex.command.slice("elfscope ".length)} 2>&1`;
      const r = spawnSync("bash", ["-c", sh], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      expect(r.stdout.trimEnd()).toBe(ex.expected);
    });
  }
});
