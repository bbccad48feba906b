/**
 * What cgo really linked, from the names of the functions in pclntab (so it survives `-s -w`),
 * and from the C symbols of runtime/cgo in `.dynsym`/`.symtab` when pclntab did not prove it.
 * `CGO_ENABLED=1` in the build settings only says cgo was *allowed*: with
 * `-tags netgo,osusergo` nothing imports "C" and runtime/cgo is not linked, so the binary needs
 * no libc. Function names (Go src/runtime/cgo/asm_*.s `crosscall2`; cgo-generated
 * `_Cfunc_`/`_C2func_` wrappers, cmd/cgo/out.go; net/cgo_unix.go `cgoLookupHost`).
 */
export type CgoEvidenceKind = "runtime-cgo" | "cgo-resolver" | "cgo-user" | "cgo-call" | "plugin";

export interface CgoEvidence {
  kind: CgoEvidenceKind;
  /** The function name (or prefix with `*`) that was found. */
  marker: string;
  /** How many linked functions matched. */
  count: number;
  /** Where it was found: pclntab's function names, or a symbol table (C symbols). */
  source: "pclntab" | ".dynsym" | ".symtab";
}

/** What cgo evidence asks of the function names (`FunctionIndex`). */
export interface NameLookup {
  has(name: string): boolean;
  countPrefix(prefix: string): number;
}

interface Marker {
  kind: CgoEvidenceKind;
  /** Exact name, or a prefix when it ends with `*`. */
  name: string;
}

const MARKERS: readonly Marker[] = [
  { kind: "runtime-cgo", name: "crosscall2" },
  { kind: "runtime-cgo", name: "runtime/cgo.*" },
  { kind: "cgo-resolver", name: "net._C2func_getaddrinfo" },
  { kind: "cgo-resolver", name: "net._Cfunc_getaddrinfo" },
  { kind: "cgo-resolver", name: "net.cgoLookupHost" },
  { kind: "cgo-user", name: "os/user._Cfunc_*" },
  { kind: "cgo-call", name: "_cgo_*" },
  { kind: "plugin", name: "plugin.*" },
];

/** Functions that exist with cgo off too (net/cgo_stub.go), so never count as proof alone. */
const WEAK = new Set(["net.cgoLookupHost"]);

/** Matches the markers against the linked function names (lookups, no pass over all names). */
export function cgoEvidence(names: NameLookup): CgoEvidence[] {
  const out: CgoEvidence[] = [];
  for (const m of MARKERS) {
    const count = m.name.endsWith("*") ? names.countPrefix(m.name.slice(0, -1)) : names.has(m.name) ? 1 : 0;
    if (count > 0) out.push({ kind: m.kind, marker: m.name, count, source: "pclntab" });
  }
  return out;
}

/**
 * C symbols of runtime/cgo (src/runtime/cgo/gcc_linux_*.c `x_cgo_init`), which pclntab never
 * lists. Not `_cgo_init`: the runtime declares that variable in every Go binary
 * (src/runtime/cgo.go), so it is in `.symtab` with cgo off too (nil there).
 */
export const CGO_C_SYMBOLS: readonly string[] = ["x_cgo_init"];

/** Evidence from symbol-table hits on `CGO_C_SYMBOLS`. */
export function cgoSymbolEvidence(found: readonly { name: string; table: ".dynsym" | ".symtab" }[]): CgoEvidence[] {
  return found.map((f) => ({ kind: "runtime-cgo", marker: f.name, count: 1, source: f.table }));
}

/** runtime/cgo is linked: the binary calls into C and needs the C runtime it was linked with. */
export function cgoLinked(evidence: readonly CgoEvidence[]): boolean {
  return evidence.some((e) => e.kind === "runtime-cgo" || (e.kind !== "plugin" && !WEAK.has(e.marker) && e.kind !== "cgo-call"));
}

/** The libc resolver (getaddrinfo through cgo) is linked. */
export function cgoResolverLinked(evidence: readonly CgoEvidence[]): boolean {
  return evidence.some((e) => e.kind === "cgo-resolver" && !WEAK.has(e.marker));
}

/** A note when the `CGO_ENABLED` setting and the linked code disagree, else null. */
export function cgoDisagreement(setting: string | undefined, linked: boolean): string | null {
  if (setting === "1" && !linked) {
    return "CGO_ENABLED=1 is recorded but runtime/cgo is not linked (no package imports \"C\", e.g. -tags netgo,osusergo): the binary does not need libc for cgo";
  }
  if (setting === "0" && linked) return "CGO_ENABLED=0 is recorded but cgo functions are linked";
  return null;
}
