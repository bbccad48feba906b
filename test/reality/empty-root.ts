/**
 * Runs a program alone in an empty root, the way a `FROM scratch` container starts it: the file
 * is copied into a fresh directory, the child chroots there and calls execve(2) on it directly.
 *
 * Not chroot(8): it execs with execvp, which on ENOEXEC retries through /bin/sh — absent in an
 * empty root — so a foreign-architecture binary would look like ENOENT. A three-line Python
 * helper (os.chroot, os.execve: no shell, no PATH search) reports the real errno instead.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HELPER = `
import errno, os, sys
root, prog, args = sys.argv[1], sys.argv[2], sys.argv[2:]
os.chroot(root)
os.chdir("/")
try:
    os.execve(prog, args, dict(os.environ))
except OSError as e:
    sys.stderr.write("EXEC_FAILED %s\\n" % errno.errorcode.get(e.errno, str(e.errno)))
    sys.exit(127 if e.errno == errno.ENOENT else 126)
`;

/**
 * The helper's interpreter as a real binary path (version managers put shell-script shims on
 * PATH, and the child runs with PATH=/ so it finds nothing in the empty root).
 */
const PYTHON = spawnSync("python3", ["-c", "import sys; print(sys.executable)"]).stdout?.toString().trim() ?? "";

export interface RunResult {
  /** execve succeeded and the program ran its own code (it may still have exited non-zero). */
  started: boolean;
  /** "ENOENT", "ENOEXEC"… when execve failed; "SIGSEGV" and the like for a crash before any output. */
  failure: string | null;
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Signals that, with no output at all, mean the code never got going (a library's entry 0). */
const START_CRASHES = new Set(["SIGSEGV", "SIGBUS", "SIGILL"]);

export function classify(code: number | null, signal: string | null, stdout: string, stderr: string, timedOut: boolean): RunResult {
  const m = /^EXEC_FAILED (\w+)$/m.exec(stderr);
  let failure: string | null = null;
  if (m?.[1] !== undefined) failure = m[1];
  else if (!timedOut && signal !== null && START_CRASHES.has(signal) && stdout === "" && stderr === "") failure = signal;
  return { started: failure === null, failure, code, signal, stdout, stderr, timedOut };
}

export interface RunOptions {
  args?: string[];
  env?: Record<string, string>;
  /** Extra files to place in the root: root-relative path → host path or contents. */
  files?: Record<string, { from?: string; text?: string; dir?: string }>;
  timeoutMs?: number;
}

/** A fresh empty directory with just `file` (as /name) and the requested extras. */
export function makeRoot(file: string, name: string, files: RunOptions["files"] = {}): string {
  const root = mkdtempSync(join(tmpdir(), "elfscope-root-"));
  copyFileSync(file, join(root, name));
  chmodSync(join(root, name), 0o755);
  for (const [rel, spec] of Object.entries(files)) {
    const dest = join(root, rel);
    spawnSync("mkdir", ["-p", join(dest, "..")]);
    if (spec.text !== undefined) spawnSync("sh", ["-c", 'cat > "$1"', "sh", dest], { input: spec.text });
    else if (spec.from !== undefined) copyFileSync(spec.from, dest);
    else if (spec.dir !== undefined) spawnSync("cp", ["-r", spec.dir, dest]);
  }
  return root;
}

/** Runs `file` alone in an empty root (async, so a server in this process can answer it). */
export async function runInEmptyRoot(file: string, name: string, options: RunOptions = {}): Promise<RunResult> {
  const root = makeRoot(file, name, options.files);
  try {
    return await new Promise<RunResult>((resolve, reject) => {
      const child = spawn(PYTHON, ["-c", HELPER, root, `/${name}`, ...(options.args ?? [])], {
        env: options.env ?? { PATH: "/" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      let timedOut = false;
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, options.timeoutMs ?? 5000);
      child.on("error", reject);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve(classify(code, signal, stdout, stderr, timedOut));
      });
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Why the empty-root runs cannot happen here, or null when they can. */
export function unavailableReason(probe: string): string | null {
  if (process.platform !== "linux") return "not Linux";
  if (process.getuid?.() !== 0) return "not root: chroot(2) needs CAP_SYS_CHROOT";
  if (PYTHON === "" || spawnSync(PYTHON, ["-c", "import os; os.chroot"]).status !== 0) return "python3 (the chroot+execve helper) is not available";
  const root = makeRoot(probe, "probe");
  try {
    const r = spawnSync(PYTHON, ["-c", HELPER, root, "/probe"], { env: { PATH: "/" }, timeout: 5000 });
    if (r.status !== 0) return `chroot is not permitted here: ${(r.stderr?.toString() ?? String(r.error)).trim().split("\n").pop() ?? ""}`;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return null;
}

/**
 * binfmt_misc handlers the kernel would use for foreign binaries (qemu-user). With one
 * registered (and its interpreter preloaded: the F flag), a foreign binary may start after all.
 */
export function binfmtHandlers(): string[] {
  const dir = "/proc/sys/fs/binfmt_misc";
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n !== "register" && n !== "status")
    .filter((n) => {
      try {
        return readFileSync(join(dir, n), "utf8").startsWith("enabled");
      } catch {
        return false;
      }
    });
}
