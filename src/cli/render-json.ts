/**
 * `--json`: one report per line (JSON Lines), exactly the library's report (DESIGN.md contract
 * v1), so `elfscope --json` and `inspect()` never disagree. Nothing else goes to stdout.
 */
import type { Outcome } from "./scan.js";

type ReportOutcome = Extract<Outcome, { kind: "report" }>;

export function renderJsonLine(o: ReportOutcome, withStats: boolean): string {
  // `stats` is an addition the contract allows ("add more freely"); only with --stats, because
  // timings differ run to run and would make the default output unstable.
  const value = withStats ? { ...o.report, stats: { ...o.stats, ms: round(o.ms) } } : o.report;
  // The report is JSON-safe by contract (addresses are "0x…" strings). A bigint slipping into a
  // field added later would make JSON.stringify throw: only then is the replacer used (a
  // replacer function on every report doubles the stringify time).
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v));
  }
  return text + "\n";
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
