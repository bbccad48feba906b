/**
 * `--threads`: worker threads change how fast the output comes, never what it is. Every run here
 * is compared byte for byte (stdout, stderr, exit status) with `--threads 1`, which starts no
 * worker at all. Workers start only past 16 candidates, so the inputs that must exercise them
 * name files repeatedly (a directory is walked once however often it is named).
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { elfscope, ROOT, type Run } from "./helpers.js";

const BIN = "test/binaries";
const ELF = readdirSync(join(ROOT, BIN))
  .filter((n) => !n.endsWith(".md"))
  .sort()
  .map((n) => `${BIN}/${n}`);
/** Enough files that a worker has started (and been handed work) before the main thread is done. */
const MANY = Array.from({ length: 8 }, () => ELF).flat();

function sameAsOneThread(args: string[], env: Record<string, string> = {}): Run {
  const one = elfscope(["--threads", "1", ...args], { env });
  for (const threads of ["2", "3"]) {
    const r = elfscope(["--threads", threads, ...args], { env });
    expect(r.stdout, `--threads ${threads} stdout`).toBe(one.stdout);
    expect(r.stderr, `--threads ${threads} stderr`).toBe(one.stderr);
    expect(r.status, `--threads ${threads} status`).toBe(one.status);
  }
  return one;
}

describe("--threads N prints exactly what --threads 1 prints", () => {
  it("--json over a directory", () => {
    const r = sameAsOneThread(["--json", BIN]);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(ELF.length);
  });

  it("the text report over a directory, with the summary table", () => {
    expect(sameAsOneThread([BIN]).stdout).toMatch(/^FILE +PLATFORM/m);
  });

  it("--brief, --scratch and --go over a directory", () => {
    sameAsOneThread(["--brief", BIN]);
    expect(sameAsOneThread(["--scratch", BIN]).status).toBe(1);
    sameAsOneThread(["--go", BIN]);
  });

  it("many explicit files (workers at work), with a missing path and a non-ELF file among them", () => {
    const mid = MANY.length / 2;
    const args = [...MANY.slice(0, mid), "no/such/file", `${BIN}/README.md`, ...MANY.slice(mid)];
    const json = sameAsOneThread(["--json", ...args]);
    expect(json.status).toBe(2);
    expect(json.stderr).toBe("elfscope: no/such/file: no such file or directory\nelfscope: test/binaries/README.md: not an ELF file\n");
    expect(json.stdout.trimEnd().split("\n")).toHaveLength(MANY.length);
    sameAsOneThread(["--scratch", ...args]);
  });

  it("300 files of /usr/bin (skipped without /usr/bin)", (ctx) => {
    let names: string[];
    try {
      names = readdirSync("/usr/bin").sort();
    } catch {
      ctx.skip(true, "no /usr/bin on this machine");
      return;
    }
    const files = names
      .map((n) => join("/usr/bin", n))
      .filter((p) => {
        try {
          return statSync(p).isFile();
        } catch {
          return false;
        }
      })
      .slice(0, 300);
    if (files.length < 50) ctx.skip(true, `only ${files.length} files in /usr/bin`);
    // Scripts in /usr/bin are explicit non-ELF inputs: errors on stderr, exit 2, in both modes.
    sameAsOneThread(["--json", ...files]);
    sameAsOneThread(["--scratch", ...files]);
  });
});

describe("a worker that dies loses no file", () => {
  // ELFSCOPE_TEST_WORKER_CRASH_AFTER (test hook in src/cli/worker.ts): each worker throws once it
  // has posted N outcomes, with files still in hand, and says so on stderr.
  const HOOK = /^elfscope: test hook: worker crashes after \d+ files\n/gm;

  for (const [threads, after] of [["2", "0"], ["2", "5"], ["3", "3"]] as const) {
    it(`--threads ${threads}, crash after ${after} files`, () => {
      const one = elfscope(["--threads", "1", "--json", ...MANY]);
      const r = elfscope(["--threads", threads, "--json", ...MANY], { env: { ELFSCOPE_TEST_WORKER_CRASH_AFTER: after } });
      expect(r.stderr, "the hook fired: a worker started, was handed files and crashed").toMatch(HOOK);
      expect(r.stderr.replace(HOOK, "")).toBe(one.stderr);
      expect(r.stdout).toBe(one.stdout);
      expect(r.stdout.trimEnd().split("\n")).toHaveLength(MANY.length);
      expect(r.status).toBe(0);
    });
  }

  it("a single file never starts a worker (with N=0 a worker crashes as soon as it starts)", () => {
    const r = elfscope(["--threads", "4", `${BIN}/go-static`], { env: { ELFSCOPE_TEST_WORKER_CRASH_AFTER: "0" } });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("--threads usage errors", () => {
  for (const value of ["0", "x", "1.5", "65", ""]) {
    it(`--threads '${value}'`, () => {
      const r = elfscope(["--threads", value, BIN]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`elfscope: --threads must be a whole number from 1 to 64, not '${value}'\n`);
      expect(r.stdout).toBe("");
    });
  }
});
