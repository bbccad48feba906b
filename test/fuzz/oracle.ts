/**
 * The fuzz oracle: one input through the whole public surface — `inspect()` lenient and strict,
 * `openElf()` with and without the block cache, every lazy accessor, reads by address, the Go
 * layer's entry and the report — with four checks:
 *   1. nothing but `ElfError` escapes (lenient accessors should not throw at all);
 *   2. the time per input (measured by the caller);
 *   3. what comes back is bounded by the input: strings and array entries, counted;
 *   4. heap growth (sampled by the caller, see engine.ts).
 *
 * Cost: the CI run is 200,000 inputs in under two minutes on two cores, so each input is parsed
 * about once: one `openElf` and every accessor on it. The rest rotates with the execution
 * number (`variant`): `elfReport` over that same file (all `inspect()` does after opening) on
 * every other input, the public `inspect()` wrapper on one in eight, strict mode on one in
 * four, the cache off on every other input, `analyzeGo` on every other one (the report runs
 * the Go layer too), and one extra address per input. Over a run each check covers a large
 * share of the inputs of every seed; `exercise(bytes)` without a variant runs all of them.
 */
import { elfReport } from "../../src/analysis/report.js";
import { analyzeGo } from "../../src/go/index.js";
import { ElfError, inspect, openElf, type ElfFile } from "../../src/index.js";

export type FailureKind = "escape" | "lenient-throw" | "output-blowup" | "slow" | "heap" | "hang" | "inconsistent";

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
  if (ArrayBuffer.isView(x) || seen.has(x)) return ArrayBuffer.isView(x) ? 1 : 0;
  seen.add(x);
  let n = 1;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const v: unknown = x[i];
      n += typeof v === "string" ? v.length : v === null || typeof v !== "object" ? 1 : weigh(v, seen);
    }
  } else if (x instanceof Map) {
    for (const [k, v] of x) n += weigh(k, seen) + weigh(v, seen);
  } else {
    const o = x as Record<string, unknown>;
    // for-in, not Object.keys: no array per object (own enumerable fields of plain objects and
    // class instances; methods live on prototypes and are not enumerable).
    for (const k in o) {
      const v = o[k];
      n += k.length + (typeof v === "string" ? v.length : v === null || typeof v !== "object" ? 1 : weigh(v, seen));
    }
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

/** Names looked up by hash: the canary's, a fortified function, and ones real files export. */
const LOOKUPS = ["__stack_chk_fail", "__memcpy_chk", "main", "_start", "__cxa_finalize", "malloc", "_init", "free"];

/**
 * On a file that raised no warning, every import outside the hash table is one of the full
 * list, and with `complete` they are all of it.
 */
async function importsAgree(f: ElfFile): Promise<Failure | undefined> {
  const [all, outside] = await Promise.all([f.importedNames(), f.importedNamesOutsideHash()]);
  if (f.warnings.length > 0) return undefined;
  const rest = [...all];
  for (const n of outside.names) {
    const i = rest.indexOf(n);
    if (i < 0) return { kind: "inconsistent", detail: `importedNamesOutsideHash has ${n}, importedNames does not` };
    rest.splice(i, 1);
  }
  if (outside.complete && rest.length > 0) return { kind: "inconsistent", detail: `complete, but ${rest.length} imports missing (${rest[0]})` };
  return undefined;
}

/** Rotating checks: with this many variants every combination has come round once. */
export const VARIANTS = 8;

/**
 * Everything the library offers, on one input. `variant` (the execution number) picks the
 * rotating checks; without it every check runs. Returns the first failure, if any.
 */
export async function exercise(bytes: Uint8Array, variant?: number): Promise<Failure | undefined> {
  const all = variant === undefined;
  const v = variant ?? 0;
  const results: unknown[] = [];
  const check = (f: Failure | undefined) => {
    if (f !== undefined) throw f;
  };
  try {
    // The public wrapper: openElf, then elfReport (run below on every other input).
    if (all || v % 8 === 0) check(await call("inspect", () => inspect(bytes), false, []));
    // Strict mode takes the same paths up to the first error: every fourth input is enough.
    if (all || v % 4 === 1) check(await call("inspect strict", () => inspect(bytes, { strict: true }), false, []));
    const caches = all ? [true, false] : [(v & 2) === 0];
    for (const cache of caches) {
      // Output is weighed once: on the second pass (all checks, cache off) it goes nowhere.
      const out = cache === caches[0] ? results : [];
      let elf: ElfFile | undefined;
      check(await call("openElf", async () => (elf = await openElf(bytes, { cache })), false, []));
      if (elf === undefined) break;
      const f = elf;
      // Lenient accessors report problems as warnings; a throw of any kind is a finding.
      check(await call("interpreter", () => f.interpreter(), true, out));
      check(await call("dynamic", () => f.dynamic(), true, out));
      check(await call("notes", () => f.notes(), true, out));
      check(await call("noteFacts", () => f.noteFacts(), true, out));
      check(await call("versionNeeds", () => f.versionNeeds(), true, out));
      check(await call("versionDefs", () => f.versionDefs(), true, out));
      check(await call("dynamicSymbols", () => f.dynamicSymbols(), true, out));
      check(await call("importedSymbols", () => f.importedSymbols(), true, out));
      check(await call("importedNames", () => f.importedNames(), true, out));
      // The cheap import path (outside DT_GNU_HASH, then lookups by name) against the full one.
      check(await call("importedNamesOutsideHash", () => f.importedNamesOutsideHash(), true, out));
      check(await call("hashedSymbols", () => f.hashedSymbols(LOOKUPS), true, out));
      check(await call("dynamicSymbol", () => f.dynamicSymbol(LOOKUPS[v % LOOKUPS.length]!), true, out));
      if (f.warnings.length === 0) check(await importsAgree(f));
      check(await call("symbols", () => f.symbols(), true, out));
      check(await call("debugInfo", () => f.debugInfo(), true, out));
      // Reads by address may throw BAD_ADDRESS (an ElfError) but nothing else: the entry point
      // always, and one more per input in turn (the top of the address space, each segment).
      const extra = [2n ** 64n - 1n, ...f.segments.slice(0, 3).map((s) => s.vaddr)];
      const addrs = all ? [f.header.entry, ...extra] : [f.header.entry, extra[(v >>> 3) % extra.length]!];
      for (const a of addrs) {
        check(await call("readVirtual", () => f.readVirtual(a, 16), false, []));
        check(await call("viewMapped", () => f.viewMapped(a, 1 << 20), false, []));
      }
      // The Go layer's own entry is held to the lenient rule; the report runs it as well.
      if (all || (v & 1) === 0) check(await call("analyzeGo", () => analyzeGo(f), true, out));
      // The report over the file whose accessors ran (answers memoized): the analysis layer.
      // After a lenient open it must not throw at all: a damaged file still gets a report.
      if (all || (v & 1) === 1) check(await call("elfReport", () => elfReport(f), true, out));
    }
    const w = weigh(results);
    const allowed = OUTPUT_PER_BYTE * bytes.length + OUTPUT_FIXED;
    if (w > allowed) return { kind: "output-blowup", detail: `output weight ${w} > ${allowed} for ${bytes.length} input bytes` };
    return undefined;
  } catch (e) {
    if (typeof e === "object" && e !== null && "kind" in e) return e as Failure;
    return { kind: "escape", detail: `harness: ${describe(e)}` };
  }
}
