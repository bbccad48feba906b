/**
 * Command-line parsing with `node:util` `parseArgs` only (no dependency), plus the checks
 * parseArgs cannot express. A bad command line is a usage error: exit 2 (DESIGN.md).
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";

export interface CliOptions {
  inputs: string[];
  json: boolean;
  /** Text report without evidence, fixes, debug and hardening lines. */
  brief: boolean;
  scratch: boolean;
  strict: boolean;
  /** OCI platform the container runs on (`linux/arm64`); undefined = the library's default, linux/amd64. */
  platform: string | undefined;
  go: boolean;
  stats: boolean;
  follow: boolean;
  color: boolean | undefined;
  /** Files inspected at once per thread; bounded so a huge tree never opens thousands of handles. */
  jobs: number;
  /** Threads that inspect files: the main one plus `threads - 1` workers; 1 = no worker at all. */
  threads: number;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const HELP = `Usage: elfscope [options] <file|dir>...

Reads ELF binaries and predicts whether they start in an empty FROM scratch container.
Directories are scanned recursively; files that are not ELF are skipped and counted.

Options:
      --json             one JSON report per file per line (JSON Lines), nothing else on stdout
      --brief            a short text report: identity, linkage, Go and the verdict's blockers and caveats
      --scratch          the verdict only, one line per file; exit 1 if any file fails
      --strict           with --scratch: caveats fail too (--json --scratch: JSON with this exit status)
      --platform <p>     the container's OCI platform (default linux/amd64), e.g. linux/arm64, linux/arm/v7
      --go               print what \`go version -m\` prints for Go binaries
      --stats            bytes read, read calls and time per file
      --follow           follow symbolic links found inside directories
      --jobs <n>         files inspected at once per thread (default 8)
      --threads <n>      threads that inspect files (default: half the CPUs, at most 4); 1 = no workers
      --color, --no-color  force colour on or off (default: on for a terminal; NO_COLOR respected)
  -h, --help             show this help
  -v, --version          show the version

Examples:
  elfscope ./app                      full report: linkage, libc, glibc floor, Go, hardening, verdict
  elfscope --scratch ./app            one line: runs | runs-with-caveats | fails | unknown
  elfscope --scratch --strict bin/    CI gate: exit 1 unless every binary runs cleanly on scratch
  elfscope --platform linux/arm64 ./app
  elfscope --json dist/ | jq -r 'select(.linkage.kind == "dynamic") | .path'
  elfscope --go ./app                 same output as \`go version -m ./app\`

Exit status:
  0  every input was read (and, with --scratch, would start on scratch)
  1  --scratch: at least one file fails (with --strict: or has caveats)
  2  usage error, or an input that is missing, unreadable or not ELF
`;

// OCI platform: os/architecture[/variant], lower-case identifiers (image-spec image-index.md).
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

/**
 * One inspecting thread per two CPUs, at most four. A Node thread keeps most of a second core
 * busy by itself in a one-shot scan: V8 compiles the hot code on background threads (about 1 s
 * of CPU over a system's bin and lib folders, measured with --no-concurrent-recompilation) and
 * marks the heap concurrently, and each worker repeats that in its own isolate. On the 2-core
 * machines we measured, a second thread made the scan 12 % slower and 50 MB bigger. Past four
 * threads the main thread (walk, ordering, rendering, writing) becomes the bottleneck.
 */
function defaultThreads(): number {
  return Math.max(1, Math.min(Math.floor(availableParallelism() / 2), 4));
}

function wholeNumber(option: string, text: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${option} must be a whole number from 1 to ${max}, not '${text}'`);
  return n;
}

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean" },
        brief: { type: "boolean" },
        scratch: { type: "boolean" },
        strict: { type: "boolean" },
        platform: { type: "string" },
        go: { type: "boolean" },
        stats: { type: "boolean" },
        follow: { type: "boolean" },
        jobs: { type: "string" },
        threads: { type: "string" },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (e) {
    // parseArgs' messages are good ("Unknown option '--x'"); drop its advice about "--".
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, ""));
  }
  const v = parsed.values;
  const opts: CliOptions = {
    inputs: parsed.positionals,
    json: v.json === true,
    brief: v.brief === true,
    scratch: v.scratch === true,
    strict: v.strict === true,
    platform: v.platform,
    go: v.go === true,
    stats: v.stats === true,
    follow: v.follow === true,
    color: v["no-color"] === true ? false : v.color === true ? true : undefined,
    jobs: 8,
    threads: defaultThreads(),
    help: v.help === true,
    version: v.version === true,
  };
  if (opts.help || opts.version) return opts;
  if (v.jobs !== undefined) opts.jobs = wholeNumber("--jobs", v.jobs, 256);
  if (v.threads !== undefined) opts.threads = wholeNumber("--threads", v.threads, 64);
  if (opts.platform !== undefined && !PLATFORM.test(opts.platform)) {
    throw new UsageError(`--platform must look like os/arch[/variant] (linux/arm64), not '${opts.platform}'`);
  }
  if (opts.brief && (opts.json || opts.scratch || opts.go)) throw new UsageError("--brief applies to the text report only");
  if (opts.strict && !opts.scratch) throw new UsageError("--strict only applies to --scratch");
  // --json --scratch is allowed: JSON Lines on stdout, and the --scratch exit status for CI.
  if (opts.go && (opts.json || opts.scratch)) throw new UsageError(`--go cannot be combined with ${opts.json ? "--json" : "--scratch"}`);
  if (opts.inputs.length === 0) throw new UsageError("no input files (try elfscope --help)");
  return opts;
}
