/**
 * The `elfscope` command: wires arguments, the scan, the renderers and the exit status
 * (DESIGN.md: 0 all read, 1 a --scratch verdict fails, 2 usage error or bad input).
 * Exit 2 wins over 1: an input we could not read is a broken pipeline, not a verdict.
 */
import { readFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";
import { HELP, parseCli, UsageError, type CliOptions } from "./args.js";
import { renderGo } from "./render-go.js";
import { renderJsonLine } from "./render-json.js";
import { painter, renderScratchLine, renderText, statsText, summaryRow, table, type Paint } from "./render-text.js";
import { Progress } from "./progress.js";
import { scan, walk, type Outcome } from "./scan.js";
import { scanThreaded } from "./threads.js";
import { serveWorker } from "./worker.js";

/** The installed package's version: dist/cli.js sits one level below package.json. */
function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** Where output goes; tests and embedders can swap these. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
}

/** NO_COLOR (no-color.org): any non-empty value disables colour; FORCE_COLOR forces it. */
export function useColor(flag: boolean | undefined, io: Io): boolean {
  if (flag !== undefined) return flag;
  if (io.env["NO_COLOR"]) return false;
  const force = io.env["FORCE_COLOR"];
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
  return io.stdoutIsTTY && io.env["TERM"] !== "dumb";
}

interface Tally {
  reports: number;
  notElf: number;
  symlinks: number;
  special: number;
  errors: number;
  verdicts: Map<string, number>;
  bytesRead: number;
  calls: number;
}

function failsScratch(o: Extract<Outcome, { kind: "report" }>, strict: boolean): boolean {
  const verdict = o.report.scratch.verdict;
  // "unknown" (a damaged file) cannot promise the binary starts: with --scratch it is treated
  // like a caveat, so --strict fails it and the plain gate lets it through.
  if (verdict === "fails") return true;
  return strict && verdict !== "runs";
}

function summary(rows: string[][], t: Tally, opts: CliOptions, ms: number): string {
  const verdicts = [...t.verdicts].map(([v, n]) => `${n} ${v}`).join(", ");
  const skipped = [
    t.notElf > 0 && `${t.notElf} not ELF`,
    t.symlinks > 0 && `${t.symlinks} symbolic link${t.symlinks === 1 ? "" : "s"} (use --follow)`,
    t.special > 0 && `${t.special} not regular files`,
  ].filter(Boolean);
  let line = `${t.reports} ELF file${t.reports === 1 ? "" : "s"}`;
  if (verdicts) line += `: ${verdicts}`;
  if (skipped.length > 0) line += `; skipped ${skipped.join(", ")}`;
  if (t.errors > 0) line += `; ${t.errors} error${t.errors === 1 ? "" : "s"}`;
  if (opts.stats) line += `; ${statsText(t.bytesRead, t.calls, ms)}`;
  const head = rows.length > 1 && !opts.scratch ? "\n" + table([["FILE", "PLATFORM", "LINKAGE", "SCRATCH"], ...rows]) : "\n";
  return head + line + "\n";
}

export async function run(argv: string[], io: Io): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseCli(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`elfscope: ${e.message}\n`);
    return 2;
  }
  if (opts.help) {
    io.out(HELP);
    return 0;
  }
  if (opts.version) {
    io.out(`elfscope ${version()}\n`);
    return 0;
  }
  const paint: Paint = painter(useColor(opts.color, io));
  const progress = new Progress(io.stderrIsTTY, io.err);
  const out = (s: string): void => {
    progress.clear();
    io.out(s);
  };
  const t: Tally = { reports: 0, notElf: 0, symlinks: 0, special: 0, errors: 0, verdicts: new Map(), bytesRead: 0, calls: 0 };
  const rows: string[][] = [];
  const rootsWithElf = new Set<string>();
  const rootsWithError = new Set<string>();
  let failed = false;
  const start = performance.now();

  const outcomes =
    opts.threads > 1
      ? scanThreaded(walk(opts.inputs, opts.follow), { threads: opts.threads, jobs: opts.jobs, platform: opts.platform, workerUrl: new URL(import.meta.url) })
      : scan(opts.inputs, opts.follow, opts.jobs, { platform: opts.platform });
  for await (const o of outcomes) {
    if (o.kind === "error") {
      t.errors++;
      rootsWithError.add(o.root);
      out("");
      io.err(`elfscope: ${o.path}: ${o.message}\n`);
    } else if (o.kind === "skip") {
      if (o.reason === "not-elf") t.notElf++;
      else if (o.reason === "symlink") t.symlinks++;
      else t.special++;
    } else {
      t.reports++;
      rootsWithElf.add(o.root);
      t.bytesRead += o.stats.bytesRead;
      t.calls += o.stats.calls;
      const verdict = o.report.scratch.verdict;
      t.verdicts.set(verdict, (t.verdicts.get(verdict) ?? 0) + 1);
      if (opts.scratch && failsScratch(o, opts.strict)) failed = true;
      if (opts.json) out(renderJsonLine(o, opts.stats));
      else if (opts.go) {
        const g = renderGo(o);
        out(g.stdout);
        if (g.stderr !== "") io.err(g.stderr);
      }
      else if (opts.scratch) out(renderScratchLine(o, paint));
      else {
        if (t.reports > 1) out("\n");
        out(renderText(o, paint, opts.stats, opts.brief));
        rows.push(summaryRow(o));
      }
    }
    progress.update(t.reports + t.notElf + t.symlinks + t.special + t.errors, t.reports);
  }
  progress.clear();

  // A directory that held no ELF file at all is almost always a wrong path: say so.
  for (const root of new Set(opts.inputs)) {
    if (!rootsWithElf.has(root) && !rootsWithError.has(root)) {
      t.errors++;
      io.err(`elfscope: ${root}: no ELF files found\n`);
    }
  }

  const seen = t.reports + t.notElf + t.symlinks + t.special + t.errors;
  if (seen > 1 && t.reports > 0 && !opts.json && !opts.go) {
    const text = summary(rows, t, opts, performance.now() - start);
    // --scratch promises one line per file on stdout, so its tally goes to stderr.
    if (opts.scratch) io.err(text.trimStart());
    else io.out(text);
  }
  if (t.errors > 0) return 2;
  return failed ? 1 : 0;
}

/** Writes to a stream, ignoring EPIPE (`elfscope dir | head` must not crash). */
function writer(stream: NodeJS.WriteStream): (s: string) => void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  return (s) => {
    if (s !== "") stream.write(s);
  };
}

function main(): void {
  run(process.argv.slice(2), {
    out: writer(process.stdout),
    err: writer(process.stderr),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Only a bug in elfscope gets here; the scan itself never rejects.
      process.stderr.write(`elfscope: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

// This bundle is also the --threads worker (worker.ts): there it serves files, not the command line.
if (isMainThread) main();
else serveWorker();
