/**
 * The fuzz oracle: one input through the whole public surface — `inspect()` lenient and strict,
 * `openElf()` with and without the block cache, every lazy accessor, reads by address, and the
 * Go layer's entry when it exists — with four checks:
 *   1. nothing but `ElfError` escapes (lenient accessors should not throw at all);
 *   2. the time per input (measured by the caller);
 *   3. what comes back is bounded by the input: strings and array entries, counted;
 *   4. heap growth (sampled by the caller, see engine.ts).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { elfReport } from "../../src/analysis/report.js";
import { ElfError, inspect, openElf, type ElfFile } from "../../src/index.js";

/** The Go layer's entry, once its engineer lands `src/go/index.ts` (`analyzeGo(elf)`). */
type AnalyzeGo = (elf: ElfFile) => Promise<unknown>;
let analyzeGo: AnalyzeGo | undefined;
const goIndex = join(import.meta.dirname, "..", "..", "src", "go", "index.ts");
if (existsSync(goIndex)) {
  const mod = (await import(goIndex)) as { analyzeGo?: AnalyzeGo };
  analyzeGo = mod.analyzeGo;
}
export const hasGoLayer = (): boolean => analyzeGo !== undefined;

export type FailureKind = "escape" | "lenient-throw" | "output-blowup" | "slow" | "heap" | "hang";

export interface Failure {
  kind: FailureKind;
  detail: string;
}

/**
 * Output allowed per input byte: a report restates each header field as a name or a hex string
 * (a 64-byte section header becomes ~150 characters of JSON), so a small factor, plus a fixed
 * allowance for the empty report. Anything past this is amplification an attacker controls.
 */
export const OUTPUT_PER_BYTE = 16;
export const OUTPUT_FIXED = 64 * 1024;

/** Counts string characters and array slots reachable from `x` (Uint8Array views are free). */
export function weigh(x: unknown, seen = new Set<object>()): number {
  if (typeof x === "string") return x.length;
  if (x === null || typeof x !== "object") return 1;
  if (ArrayBuffer.isView(x)) return 1;
  if (seen.has(x)) return 0;
  seen.add(x);
  let n = 1;
  if (Array.isArray(x)) {
    for (const v of x) n += weigh(v, seen);
  } else if (x instanceof Map) {
    for (const [k, v] of x) n += weigh(k, seen) + weigh(v, seen);
  } else {
    for (const k of Object.keys(x)) n += k.length + weigh((x as Record<string, unknown>)[k], seen);
  }
  return n;
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}\n${e.stack?.split("\n").slice(1, 6).join("\n") ?? ""}`;
  return String(e);
}

/** Runs `fn`; an ElfError is fine unless `lenient` says nothing should be thrown at all. */
async function call<T>(what: string, fn: () => Promise<T>, lenient: boolean, out: unknown[]): Promise<Failure | undefined> {
  try {
    out.push(await fn());
    return undefined;
  } catch (e) {
    if (!(e instanceof ElfError)) return { kind: "escape", detail: `${what}: ${describe(e)}` };
    if (lenient) return { kind: "lenient-throw", detail: `${what}: ${e.code} ${e.message}` };
    return undefined;
  }
}

/** Everything the library offers, on one input. Returns the first failure, if any. */
export async function exercise(bytes: Uint8Array, variant = 0): Promise<Failure | undefined> {
  const results: unknown[] = [];
  const check = (f: Failure | undefined) => {
    if (f !== undefined) throw f;
  };
  try {
    // The public inspect() on every other input; the rest get the same report built over the
    // ElfFile whose accessors are exercised below (inspect() is openElf + elfReport), so each
    // input is parsed about once and a CI run of 200,000 inputs fits in its time budget.
    if ((variant & 1) === 0) check(await call("inspect", () => inspect(bytes), false, results));
    // Strict mode takes the same paths up to the first error: every fourth input is enough.
    if ((variant & 3) === 1) check(await call("inspect strict", () => inspect(bytes, { strict: true }), false, []));
    let elf: ElfFile | undefined;
    check(await call("openElf", async () => (elf = await openElf(bytes, { cache: (variant & 2) === 0 })), false, []));
    if (elf !== undefined) {
      const f = elf;
      // Lenient accessors report problems as warnings; a throw of any kind is a finding.
      check(await call("interpreter", () => f.interpreter(), true, results));
      check(await call("dynamic", () => f.dynamic(), true, results));
      check(await call("notes", () => f.notes(), true, results));
      check(await call("noteFacts", () => f.noteFacts(), true, results));
      check(await call("versionNeeds", () => f.versionNeeds(), true, results));
      check(await call("versionDefs", () => f.versionDefs(), true, results));
      check(await call("dynamicSymbols", () => f.dynamicSymbols(), true, results));
      check(await call("symbols", () => f.symbols(), true, results));
      check(await call("debugInfo", () => f.debugInfo(), true, results));
      // Reads by address may throw BAD_ADDRESS (an ElfError) but nothing else.
      const addrs = [f.header.entry, 2n ** 64n - 1n, ...f.segments.slice(0, 3).map((s) => s.vaddr)];
      for (const a of addrs) {
        check(await call("readVirtual", () => f.readVirtual(a, 16), false, []));
        check(await call("viewMapped", () => f.viewMapped(a, 1 << 20), false, []));
      }
      if (analyzeGo !== undefined) check(await call("analyzeGo", () => analyzeGo!(f), true, results));
      if ((variant & 1) === 1) check(await call("elfReport", () => elfReport(f), false, results));
      const w = weigh(results);
      const allowed = OUTPUT_PER_BYTE * bytes.length + OUTPUT_FIXED;
      if (w > allowed) return { kind: "output-blowup", detail: `output weight ${w} > ${allowed} for ${bytes.length} input bytes` };
    }
    return undefined;
  } catch (e) {
    if (typeof e === "object" && e !== null && "kind" in e) return e as Failure;
    return { kind: "escape", detail: `harness: ${describe(e)}` };
  }
}
