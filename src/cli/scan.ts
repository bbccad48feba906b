/**
 * Turning command-line inputs into per-file outcomes: a recursive, deterministic directory walk
 * and a bounded number of files in flight. No ELF knowledge here: whether a file is ELF is the
 * library's answer (`NOT_ELF`), not a guess from the name or the first bytes.
 */
import { statSync, type Dirent, type Stats } from "node:fs";
import { lstat, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { inspect, isElfError, type ReadStats, type Report } from "../index.js";
import { openFile, ReadBufferPool } from "../node.js";
import { limitYoungGeneration } from "./young-generation.js";

/** A path to inspect; `root` is the command-line input it came from. */
export interface Candidate {
  path: string;
  root: string;
  /** Named on the command line: a non-ELF file is then an error, not a quiet skip. */
  explicit: boolean;
}

export type WalkEvent =
  | ({ kind: "file" } & Candidate)
  | { kind: "skip"; path: string; root: string; reason: "symlink" | "special" }
  | { kind: "error"; path: string; root: string; message: string };

export type Outcome =
  | { kind: "report"; path: string; root: string; explicit: boolean; report: Report; stats: ReadStats; ms: number }
  | { kind: "skip"; path: string; root: string; reason: "not-elf" | "symlink" | "special" }
  | { kind: "error"; path: string; root: string; message: string };

/** One short phrase per failure, like coreutils' ("No such file or directory"), lower-cased. */
export function describeError(e: unknown): string {
  if (isElfError(e)) return e.code === "NOT_ELF" ? "not an ELF file" : `${e.message} (${e.code})`;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "ENOTDIR":
      return "not a directory";
    case "EISDIR":
      return "is a directory";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    default:
      return (e as Error)?.message ?? String(e);
  }
}

/**
 * Walks every input in order. Directory entries are sorted by name (code-unit order, not the
 * locale's, so output is identical on every machine). Symbolic links inside directories are
 * skipped unless `follow`; links named on the command line are always followed, as the user
 * asked for that path. With `follow`, each directory is entered once (by device and inode), so
 * link cycles end.
 */
export async function* walk(inputs: readonly string[], follow: boolean): AsyncGenerator<WalkEvent> {
  const seen = new Set<string>();
  for (const root of inputs) {
    let st: Stats;
    try {
      // Synchronous, as `openFile` opens and fstats (src/node.ts): a long command line (xargs, a
      // shell glob) would otherwise pay a thread-pool round trip per file, about 0.2 ms of the
      // main thread's time each, against a few µs for stat(2) from the inode cache.
      st = statSync(root);
    } catch (e) {
      yield { kind: "error", path: root, root, message: await missingReason(root, e) };
      continue;
    }
    if (st.isDirectory()) yield* walkDir(root, root, st, follow, seen);
    else if (st.isFile()) yield { kind: "file", path: root, root, explicit: true };
    else yield { kind: "error", path: root, root, message: "not a regular file" };
  }
}

/** A dangling symlink stats as ENOENT; say what it is rather than "no such file". */
async function missingReason(path: string, e: unknown): Promise<string> {
  if ((e as NodeJS.ErrnoException).code === "ENOENT") {
    const l = await lstat(path).catch(() => undefined);
    if (l?.isSymbolicLink()) return "broken symbolic link";
  }
  return describeError(e);
}

async function* walkDir(dir: string, root: string, st: Stats, follow: boolean, seen: Set<string>): AsyncGenerator<WalkEvent> {
  const id = `${st.dev}:${st.ino}`;
  if (seen.has(id)) return;
  seen.add(id);
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    yield { kind: "error", path: dir, root, message: describeError(e) };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      if (!follow) {
        yield { kind: "skip", path, root, reason: "symlink" };
        continue;
      }
      let target: Stats;
      try {
        target = await stat(path);
      } catch (e) {
        yield { kind: "error", path, root, message: await missingReason(path, e) };
        continue;
      }
      if (target.isDirectory()) yield* walkDir(path, root, target, follow, seen);
      else if (target.isFile()) yield { kind: "file", path, root, explicit: false };
      else yield { kind: "skip", path, root, reason: "special" };
    } else if (entry.isDirectory()) {
      let sub: Stats;
      try {
        sub = await stat(path);
      } catch (e) {
        yield { kind: "error", path, root, message: describeError(e) };
        continue;
      }
      yield* walkDir(path, root, sub, follow, seen);
    } else if (entry.isFile()) {
      yield { kind: "file", path, root, explicit: false };
    } else {
      // FIFOs, sockets, devices: never opened (reading a FIFO or a tty would block the scan).
      yield { kind: "skip", path, root, reason: "special" };
    }
  }
}

export interface InspectSettings {
  platform: string | undefined;
  /** Shared by the files in flight: see `ByteBudget`. */
  budget?: ByteBudget;
}

/**
 * Bounds the sum of the sizes of the files being inspected at once, besides their number: a
 * large Go binary's report holds memory in proportion to the file (its pclntab), so eight of
 * them at once would multiply the peak. A file takes `min(size, limit)`; one larger than the
 * limit therefore runs alone. Waiters are served in order, so no file starves.
 */
export class ByteBudget {
  private used = 0;
  private readonly waiting: { need: number; go: () => void }[] = [];

  constructor(readonly limit: number) {}

  async acquire(size: number): Promise<() => void> {
    const need = Math.min(Math.max(size, 0), this.limit);
    if (this.waiting.length > 0 || this.used + need > this.limit) {
      await new Promise<void>((go) => this.waiting.push({ need, go }));
    } else {
      this.used += need;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= need;
      while (this.waiting.length > 0 && this.used + this.waiting[0]!.need <= this.limit) {
        const w = this.waiting.shift()!;
        this.used += w.need;
        w.go();
      }
    };
  }
}

/** Default for the CLI: files up to this much in total are inspected at once. */
export const DEFAULT_BYTE_BUDGET = 64 * 1024 * 1024;

/**
 * This thread's buffers for large reads, reused file after file (a report holds no bytes, so
 * nothing read is used once a file is closed): see `ReadBufferPool`.
 */
const readBuffers = new ReadBufferPool();

/** Inspects one candidate; never rejects, so one bad file cannot stop the others. */
export async function inspectCandidate(c: Candidate, settings: InspectSettings): Promise<Outcome> {
  limitYoungGeneration();
  const stats: ReadStats = { bytesRead: 0, calls: 0 };
  const start = performance.now();
  try {
    // `platform` is the analysis layer's target platform option (DESIGN.md `scratch.platform`).
    const options = { path: c.path, ...(settings.platform !== undefined ? { platform: settings.platform } : {}) };
    const source = await openFile(c.path, { pool: readBuffers });
    const release = settings.budget === undefined ? undefined : await settings.budget.acquire(source.size);
    let report: Report;
    try {
      report = await inspect(source, options);
    } finally {
      release?.();
      await source.close?.();
      Object.assign(stats, source.stats);
    }
    return { kind: "report", path: c.path, root: c.root, explicit: c.explicit, report, stats, ms: performance.now() - start };
  } catch (e) {
    if (isElfError(e) && e.code === "NOT_ELF" && !c.explicit) return { kind: "skip", path: c.path, root: c.root, reason: "not-elf" };
    return { kind: "error", path: c.path, root: c.root, message: describeError(e) };
  }
}

/**
 * Maps `items` through `fn` with at most `limit` calls in flight, yielding results in input
 * order (so output is deterministic however fast each file is). `fn` must not reject.
 */
export async function* mapBounded<T, R>(items: AsyncIterable<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  for await (const item of items) {
    pending.push(fn(item));
    if (pending.length >= limit) yield await pending.shift()!;
  }
  while (pending.length > 0) yield await pending.shift()!;
}

/** Walk + inspect: every input's outcomes, in walk order. */
export function scan(inputs: readonly string[], follow: boolean, jobs: number, settings: InspectSettings): AsyncGenerator<Outcome> {
  if (settings.budget === undefined) settings = { ...settings, budget: new ByteBudget(DEFAULT_BYTE_BUDGET) };
  return mapBounded(walk(inputs, follow), jobs, async (ev): Promise<Outcome> => (ev.kind === "file" ? inspectCandidate(ev, settings) : ev));
}
