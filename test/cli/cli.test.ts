/**
 * The built CLI, end to end: text snapshots, JSON Lines, every exit code and error path.
 * Snapshots live in test/cli/__snapshots__/; when the report gains fields (analysis, Go),
 * review the diff and refresh with `npx vitest run test/cli -u`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync, copyFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSI, elfscope, ROOT } from "./helpers.js";

const BIN = "test/binaries";
// A cross-section: glibc dynamic, musl static, Go static, Go cgo, a shared library, an object
// file, a big-endian cross build and a section-header-less copy.
const SNAPSHOT_FILES = [
  "c-glibc-dynamic",
  "c-musl-static",
  "go-static",
  "go-cgo-glibc",
  "go-s390x",
  "libdemo.so",
  "c-relocatable.o",
  "c-glibc-dynamic-noshdr",
];

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "elfscope-cli-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function elfFiles(): string[] {
  return readdirSync(join(ROOT, BIN)).filter((n) => !n.endsWith(".md")).sort();
}

interface JsonReport {
  path: string;
  linkage: { kind: string | null };
  scratch?: { verdict: string; findings: { code: string; severity: string }[] };
  stats?: { bytesRead: number; calls: number; ms: number };
  [k: string]: unknown;
}

function jsonLines(stdout: string): JsonReport[] {
  expect(stdout.endsWith("\n")).toBe(true);
  return stdout
    .slice(0, -1)
    .split("\n")
    .map((l) => JSON.parse(l) as JsonReport);
}

describe("text report", () => {
  for (const name of SNAPSHOT_FILES) {
    it(`${name}`, async () => {
      const r = elfscope([`${BIN}/${name}`]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).not.toMatch(ANSI);
      await expect(r.stdout).toMatchFileSnapshot(`__snapshots__/${name}.txt`);
    });
  }

  it("--brief (what npm start shows): identity, linkage, Go, the verdict's blockers and caveats, no evidence", async () => {
    const r = elfscope(["--brief", `${BIN}/go-https`, `${BIN}/c-glibc-dynamic`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${BIN}/go-https: ELF 64-bit LSB executable`);
    expect(r.stdout).toMatch(/\[caveat\] NEEDS_CA_CERTS: /);
    expect(r.stdout).toMatch(/\[blocker\] NEEDS_INTERPRETER: /);
    expect(r.stdout).not.toMatch(/evidence:|fix:|\[info\]|hardening/);
    // The full report of the same file carries the evidence the brief one leaves out.
    expect(elfscope([`${BIN}/go-https`]).stdout).toMatch(/evidence: function crypto\/x509\./);
    expect(elfscope(["--brief", "--json", `${BIN}/go-https`]).status).toBe(2);
  });

  it("a directory: every ELF file, non-ELF skipped and counted, then a summary table", async () => {
    const r = elfscope([BIN]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    for (const name of elfFiles()) expect(r.stdout).toContain(`${BIN}/${name}: ELF `);
    expect(r.stdout).toMatch(/\nFILE +PLATFORM +LINKAGE +SCRATCH\n/);
    expect(r.stdout).toMatch(new RegExp(`\\n${elfFiles().length} ELF files.*; skipped 1 not ELF\\n$`));
    // The summary is part of what `npm start` shows; keep it reviewed too.
    await expect(r.stdout.slice(r.stdout.indexOf("\nFILE "))).toMatchFileSnapshot("__snapshots__/summary.txt");
  });

  it("--stats adds bytes read, calls and time per file and in total", () => {
    const r = elfscope(["--stats", `${BIN}/go-static`, `${BIN}/c-glibc-dynamic`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\n {2}stats +read [\d,]+ bytes in \d+ calls, [\d.]+ ms\n/);
    expect(r.stdout).toMatch(/2 ELF files.*; read [\d,]+ bytes in \d+ calls, [\d.]+ ms\n$/);
  });
});

describe("colour", () => {
  const file = `${BIN}/c-glibc-dynamic`;
  it("is off when stdout is not a terminal", () => expect(elfscope([file]).stdout).not.toMatch(ANSI));
  it("--color forces it on", () => expect(elfscope(["--color", file]).stdout).toMatch(ANSI));
  it("FORCE_COLOR turns it on, NO_COLOR wins over FORCE_COLOR", () => {
    expect(elfscope([file], { env: { FORCE_COLOR: "1" } }).stdout).toMatch(ANSI);
    expect(elfscope([file], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).not.toMatch(ANSI);
  });
  it("--no-color wins over everything", () => {
    expect(elfscope(["--no-color", file], { env: { FORCE_COLOR: "1" } }).stdout).not.toMatch(ANSI);
  });
  it("--json is never coloured", () => {
    expect(elfscope(["--json", "--color", file]).stdout).not.toMatch(ANSI);
  });
});

describe("--json", () => {
  it("one parseable report per ELF file, in path order, nothing else on stdout", async () => {
    const r = elfscope(["--json", BIN]);
    expect(r.status).toBe(0);
    const reports = jsonLines(r.stdout);
    expect(reports.map((x) => x.path)).toEqual(elfFiles().map((n) => `${BIN}/${n}`));
    for (const x of reports) {
      for (const key of ["path", "size", "elf", "interpreter", "dynamic", "segments", "sections", "notes", "versions", "debug", "linkage", "warnings"]) {
        expect(x, `${x.path} lacks ${key}`).toHaveProperty(key);
      }
      expect(x.stats).toBeUndefined();
    }
  });

  it("equals the library's inspectFile() report for each file", async () => {
    const { inspectFile } = (await import(join(ROOT, "dist", "node.js"))) as typeof import("../../src/node.js");
    const names = ["c-glibc-dynamic", "go-cgo-musl", "go-mips", "libdemo-noshdr.so"];
    const r = elfscope(["--json", ...names.map((n) => `${BIN}/${n}`)]);
    const reports = jsonLines(r.stdout);
    for (const [i, name] of names.entries()) {
      const lib = JSON.parse(JSON.stringify(await inspectFile(`${BIN}/${name}`))) as Record<string, unknown>;
      lib["path"] = `${BIN}/${name}`;
      expect(reports[i]).toEqual(lib);
    }
  });

  it("--stats adds a stats object", () => {
    const [x] = jsonLines(elfscope(["--json", "--stats", `${BIN}/go-static`]).stdout);
    expect(x!.stats!.bytesRead).toBeGreaterThan(0);
    expect(x!.stats!.calls).toBeGreaterThan(0);
    expect(typeof x!.stats!.ms).toBe("number");
  });

  it("errors and skips go to stderr only", () => {
    const r = elfscope(["--json", "package.json", `${BIN}/go-static`, "no/such/file"]);
    expect(r.status).toBe(2);
    expect(jsonLines(r.stdout).map((x) => x.path)).toEqual([`${BIN}/go-static`]);
    expect(r.stderr).toContain("elfscope: package.json: not an ELF file\n");
    expect(r.stderr).toContain("elfscope: no/such/file: no such file or directory\n");
  });
});

describe("--scratch", () => {
  // Expected exits are derived from the JSON verdicts, so these hold before and after the
  // verdict rules change; the named cases below pin the obvious ones.
  const all = () => jsonLines(elfscope(["--json", BIN]).stdout);

  it("one line per file; exit 1 iff some verdict fails", () => {
    const reports = all();
    const r = elfscope(["--scratch", BIN]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(reports.length);
    for (const [i, x] of reports.entries()) expect(lines[i]).toMatch(new RegExp(`^${x.path}: (runs|runs-with-caveats|fails|unknown)( \\(.*\\))?$`));
    const anyFails = reports.some((x) => x.scratch?.verdict === "fails");
    expect(r.status).toBe(anyFails ? 1 : 0);
    expect(r.stderr).toMatch(/ELF files/); // the tally goes to stderr, stdout stays one line per file
  });

  it("--strict: caveats (and unknown) fail too", () => {
    const reports = all();
    for (const x of reports.slice(0, 12)) {
      const r = elfscope(["--scratch", "--strict", x.path]);
      expect(r.status, x.path).toBe(x.scratch?.verdict === "runs" ? 0 : 1);
      const plain = elfscope(["--scratch", x.path]);
      expect(plain.status, x.path).toBe(x.scratch?.verdict === "fails" ? 1 : 0);
    }
  });

  it("--json --scratch: JSON lines with the --scratch exit status", () => {
    const r = elfscope(["--json", "--scratch", `${BIN}/go-static`, `${BIN}/c-glibc-dynamic`]);
    const reports = jsonLines(r.stdout);
    expect(reports).toHaveLength(2);
    expect(r.status).toBe(reports.some((x) => x.scratch?.verdict === "fails") ? 1 : 0);
  });

  const verdicts = all();
  const hasVerdicts = verdicts.some((x) => x.scratch !== undefined);
  it.skipIf(!hasVerdicts)("a glibc-dynamic binary fails and a CGO_ENABLED=0 static Go binary runs", () => {
    expect(elfscope(["--scratch", `${BIN}/c-glibc-dynamic`]).status).toBe(1);
    expect(elfscope(["--scratch", `${BIN}/go-static`]).status).toBe(0);
  });
});

describe("errors: one line each on stderr naming the file, others still processed, exit 2", () => {
  it("missing file", () => {
    const r = elfscope(["no/such/file", `${BIN}/go-static`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("elfscope: no/such/file: no such file or directory\n");
    expect(r.stdout).toContain(`${BIN}/go-static: ELF 64-bit LSB executable`);
  });

  it("a non-ELF file named explicitly", () => {
    const r = elfscope(["package.json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("elfscope: package.json: not an ELF file\n");
    expect(r.stdout).toBe("");
  });

  it("an empty directory, and a directory without ELF files", () => {
    const empty = join(tmp, "empty");
    mkdirSync(empty);
    const texts = join(tmp, "texts");
    mkdirSync(texts);
    writeFileSync(join(texts, "a.txt"), "hello\n");
    writeFileSync(join(texts, "tiny"), "\x7fEL");
    const r = elfscope([empty, texts, `${BIN}/go-static`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`elfscope: ${empty}: no ELF files found\n`);
    expect(r.stderr).toContain(`elfscope: ${texts}: no ELF files found\n`);
    expect(r.stdout).toContain(`${BIN}/go-static: ELF`);
    expect(r.stdout).toMatch(/\n1 ELF file: 1 runs; skipped 2 not ELF; 2 errors\n$/);
  });

  it("a FIFO named explicitly is refused without blocking; inside a directory it is skipped", () => {
    const dir = join(tmp, "fifo");
    mkdirSync(dir);
    execFileSync("mkfifo", [join(dir, "pipe")]);
    copyFileSync(join(ROOT, BIN, "go-static"), join(dir, "app"));
    const explicit = elfscope([join(dir, "pipe")], { timeout: 20_000 });
    expect(explicit.status).toBe(2);
    expect(explicit.stderr).toBe(`elfscope: ${join(dir, "pipe")}: not a regular file\n`);
    const scan = elfscope([dir], { timeout: 20_000 });
    expect(scan.status).toBe(0);
    expect(scan.stdout).toMatch(/\n1 ELF file: 1 runs; skipped 1 not regular files\n$/);
  });

  it("permission denied", () => {
    const file = join(tmp, "secret");
    copyFileSync(join(ROOT, BIN, "go-static"), file);
    chmodSync(file, 0o000);
    chmodSync(tmp, 0o755);
    // root ignores mode bits, so as root the CLI runs as nobody (spawn's uid option) to meet them.
    const asRoot = process.getuid?.() === 0;
    const r = elfscope([file, join(ROOT, BIN, "go-static")], asRoot ? { uid: 65534, gid: 65534 } : {});
    expect(r.stderr).toBe(`elfscope: ${file}: permission denied\n`);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("go-static: ELF");
  });

  it("a broken symbolic link with --follow", () => {
    const dir = join(tmp, "broken");
    mkdirSync(dir);
    symlinkSync(join(dir, "gone"), join(dir, "dangling"));
    copyFileSync(join(ROOT, BIN, "go-static"), join(dir, "app"));
    const r = elfscope(["--follow", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`elfscope: ${join(dir, "dangling")}: broken symbolic link\n`);
    expect(r.stdout).toContain(`${join(dir, "app")}: ELF`);
    // Without --follow the link is not looked at at all.
    expect(elfscope([dir]).status).toBe(0);
  });

  it("usage errors", () => {
    for (const args of [[], ["--bogus", BIN], ["--strict", BIN], ["--platform", "arm64", BIN], ["--jobs", "0", BIN]]) {
      const r = elfscope(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/^elfscope: .+\n$/);
      expect(r.stdout).toBe("");
    }
  });
});

describe("directories and symbolic links", () => {
  it("symlinks inside directories are skipped unless --follow; cycles end", () => {
    const dir = join(tmp, "links");
    mkdirSync(join(dir, "sub"), { recursive: true });
    copyFileSync(join(ROOT, BIN, "go-static"), join(dir, "sub", "app"));
    symlinkSync(join(dir, "sub", "app"), join(dir, "app-link"));
    symlinkSync(dir, join(dir, "sub", "loop"));
    const plain = elfscope(["--scratch", dir]);
    expect(plain.stdout.trimEnd().split("\n")).toEqual([expect.stringMatching(new RegExp(`^${join(dir, "sub", "app")}: `))]);
    expect(plain.stderr).toMatch(/skipped 2 symbolic links \(use --follow\)/);
    const followed = elfscope(["--scratch", "--follow", dir]);
    expect(followed.stdout.trimEnd().split("\n").map((l) => l.split(":")[0])).toEqual([join(dir, "app-link"), join(dir, "sub", "app")]);
    expect(followed.status === 0 || followed.status === 1).toBe(true);
  });

  it("a symlink named on the command line is followed", () => {
    const link = join(tmp, "named-link");
    symlinkSync(join(ROOT, BIN, "go-static"), link);
    expect(elfscope([link]).stdout).toContain(`${link}: ELF 64-bit`);
  });

  it("--jobs 1 and --jobs 32 give the same output, in the same order", () => {
    const a = elfscope(["--json", "--jobs", "1", BIN]);
    const b = elfscope(["--json", "--jobs", "32", BIN]);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe("--go", () => {
  const goldens = join(ROOT, "test", "golden", "go-version-m");
  const names = readdirSync(goldens).filter((n) => n.endsWith(".txt")).map((n) => n.slice(0, -4));

  it("prints exactly what go version -m printed for every Go test binary (golden files)", () => {
    expect(names.length).toBeGreaterThan(10);
    // Run inside test/binaries, as the goldens were, so the path prefix matches.
    const r = elfscope(["--go", ...names], { cwd: join(ROOT, BIN) });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(names.map((n) => readFileSync(join(goldens, `${n}.txt`), "utf8")).join(""));
  });

  it("a non-Go ELF file named explicitly gets Go's error line on stderr; a directory scan skips it", () => {
    const one = elfscope(["--go", "c-musl-static"], { cwd: join(ROOT, BIN) });
    expect(one.stdout).toBe("");
    expect(one.stderr).toBe("c-musl-static: could not read Go build info from c-musl-static: not a Go executable\n");
    expect(one.status).toBe(0);
    const dir = elfscope(["--go", BIN]);
    expect(dir.stderr).toBe("");
    expect(dir.stdout).not.toContain("c-musl-static");
    expect(dir.stdout).toContain(`${BIN}/go-static: go1.`);
  });
});

describe("help, version, pipes", () => {
  it("--help shows usage and examples, exit 0", () => {
    const r = elfscope(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: elfscope \[options\] <file\|dir>\.\.\./);
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toContain("Exit status:");
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(elfscope(["--version"]).stdout).toBe(`elfscope ${version}\n`);
  });

  it("a closed pipe (| head) ends quietly", () => {
    const sh = `"${process.execPath}" dist/cli.js ${BIN} ${BIN} ${BIN} | head -1; echo "rc=\${PIPESTATUS:-0}"`;
    const r = spawnSync("bash", ["-c", sh.replace("PIPESTATUS:-0", "PIPESTATUS[0]")], { cwd: ROOT, encoding: "utf8" });
    expect(r.stdout).toMatch(/^test\/binaries\/c-glibc-dynamic: ELF .*\nrc=0\n$/);
    expect(r.stderr).toBe("");
  });
});
