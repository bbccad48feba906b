import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The repository root: every CLI run uses it as cwd, so paths in output are relative and stable. */
export const ROOT = join(import.meta.dirname, "..", "..");
export const CLI = join(ROOT, "dist", "cli.js");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the BUILT CLI (what `npx elfscope` runs), never the sources: this is the test that the
 * bundle, the shebang entry and the exit codes work. Colour variables are cleared so a
 * developer's FORCE_COLOR cannot change snapshots.
 */
export function elfscope(args: string[], options: SpawnSyncOptions & { env?: Record<string, string> } = {}): Run {
  if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build (npm test does)`);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(NO_COLOR|FORCE_COLOR|TERM)$/.test(k)) env[k] = v;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
    ...options,
    env: { ...env, ...options.env },
  });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export const ANSI = /\x1b\[[0-9;]*m/;
