/**
 * What cgo really linked, from the names of the functions in pclntab (so it survives `-s -w`).
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
}

interface Marker {
  kind: CgoEvidenceKind;
  /** Exact name, or a prefix when it ends with `*`. */
  name: string;
}

const MARKERS: readonly Marker[] = [
  { kind: "runtime-cgo", name: "crosscall2" },
  { kind: "runtime-cgo", name: "_cgo_init" },
  { kind: "runtime-cgo", name: "x_cgo_init" },
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

/** Matches the markers against the linked function names (one pass). */
export function cgoEvidence(names: Iterable<string>): CgoEvidence[] {
  const counts = new Map<Marker, number>();
  for (const n of names) {
    for (const m of MARKERS) {
      const hit = m.name.endsWith("*") ? n.startsWith(m.name.slice(0, -1)) : n === m.name;
      if (hit) counts.set(m, (counts.get(m) ?? 0) + 1);
    }
  }
  return MARKERS.filter((m) => counts.has(m)).map((m) => ({ kind: m.kind, marker: m.name, count: counts.get(m)! }));
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
