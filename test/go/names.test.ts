/**
 * `LinkedNameTable` (Go 1.16+: the name table read whole, names looked up in place, only name
 * offsets taken from the `_func` records) against `FunctionIndex` (every name streamed through
 * the records, copied, hashed and sorted) on every Go binary in test/binaries and on the large
 * Go binaries of this machine: the same names, packages, cgo marker counts and entries.
 *
 * Why not the name table alone (the cheapest answer, no `_func` walk at all): the linker writes
 * there the names of inlined callees too (cmd/link/internal/ld/pcln.go `walkFuncs`), and that
 * changes answers the report shows. Measured when this was written:
 * - test/binaries (Go 1.19): 450–1,600 extra names per binary, 1–8 extra packages (os/signal,
 *   internal/abi, math/bits, crypto/subtle, net/http/httptrace…); go-https gains
 *   crypto/x509.systemRootsPool; the cgo builds count 6 `os/user._Cfunc_*` instead of 4.
 * - docker: 5,017 extra names, 24 extra packages; kubectl: 5,490 names, 16 packages, and
 *   `plugin.*` (2 names) and `net.cgoLookupHost`, which would add `plugin` and resolver cgo
 *   evidence to the report; anthoscli: 10,394 names, 28 packages; terraform: 9,241 names,
 *   42 packages, `net.cgoLookupHost`.
 * No name of the `_func` records was ever missing from the name table. So the report keeps
 * the linked-function answer, and the walk keeps only what it needs: a u32 per function.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FunctionIndex, FunctionIndexBuilder, goExeFromElf, LinkedNameTable } from "../../src/go/index.js";
import { locatePclntab, readFunctionTable, textStart } from "../../src/go/pclntab.js";
import { newBudget } from "../../src/go/scan.js";
import { BIN, openBytes } from "./helpers.js";

const local = existsSync(BIN) ? readdirSync(BIN).filter((n) => n.startsWith("go-")).sort().map((n) => BIN + n) : [];
const MACHINE = [
  "/usr/local/bin/docker",
  "/usr/lib/google-cloud-sdk/bin/kubectl",
  "/usr/lib/google-cloud-sdk/bin/anthoscli",
  "/usr/local/bin/terraform",
].filter((p) => existsSync(p));

const MARKERS = [
  "crypto/x509.loadSystemRoots", "crypto/x509.initSystemRoots", "crypto/x509.systemRootsPool", "crypto/x509.SetFallbackRoots",
  "time.LoadLocation", "time.loadLocation", "time/tzdata.init.0", "time/tzdata.loadFromEmbeddedTZData",
  "os/user.Current", "os/user.Lookup", "os/user.LookupId", "os/user.lookupUser",
  "net._C2func_getaddrinfo", "net._Cfunc_getaddrinfo", "net.cgoLookupHost", "crosscall2", "runtime/cgo.init",
  "_cgo_topofstack", "x_cgo_init", "main.main", "runtime.main", "runtime.osinit", "runtime.schedinit",
];
const PREFIXES = ["runtime/cgo.", "os/user._Cfunc_", "_cgo_", "plugin.", "crypto/x509.", "main.", ""];

async function both(path: string): Promise<{ ours: LinkedNameTable | undefined; old: FunctionIndex }> {
  const exe = goExeFromElf(await openBytes(readFileSync(path)));
  const table = (await locatePclntab(exe, newBudget(), true))!;
  const text = await textStart(exe, table);
  const builder = new FunctionIndexBuilder(table.header.nfunc);
  await readFunctionTable(exe, table, builder, text);
  const { inspectGoExe } = await import("../../src/go/index.js");
  const go = await inspectGoExe(exe);
  const ours = go!.functions instanceof LinkedNameTable ? go!.functions : undefined;
  return { ours, old: builder.finish() };
}

describe.skipIf(local.length + MACHINE.length === 0)("LinkedNameTable answers as FunctionIndex", () => {
  for (const path of [...local, ...MACHINE]) {
    it(path, async () => {
      const { ours, old } = await both(path);
      expect(ours).toBeDefined(); // every binary here has the 1.18 or 1.20 layout
      expect(ours!.size).toBe(old.size);
      expect([...ours!.packages].sort()).toEqual([...old.packages].sort());
      if (old.size < 20_000) expect(ours!.names()).toEqual(old.names());
      for (const m of MARKERS) {
        expect(ours!.has(m), m).toBe(old.has(m));
        expect(ours!.entry(m), m).toBe(old.entry(m));
      }
      for (const p of PREFIXES) expect(ours!.countPrefix(p), p).toBe(old.countPrefix(p));
      // Entries of a sample of names, duplicates (ABI wrappers) included.
      const names = old.names();
      for (let i = 0; i < names.length; i += Math.ceil(names.length / 200)) expect(ours!.entry(names[i]!), names[i]).toBe(old.entry(names[i]!));
      // Lookups scan only the runs of the query's package: every name is found, and prefixes
      // cut anywhere (inside the package path, at its dot, past it) count as the full pass does.
      const step = old.size < 20_000 ? 1 : Math.ceil(names.length / 2_000);
      for (let i = 0; i < names.length; i += step) expect(ours!.has(names[i]!), names[i]).toBe(true);
      for (let i = 0; i < names.length; i += Math.ceil(names.length / 150)) {
        const n = names[i]!;
        for (const cut of [Math.floor(n.length / 3), n.indexOf(".") + 1, n.lastIndexOf(".") + 1, n.length - 1]) {
          if (cut <= 0) continue;
          expect(ours!.countPrefix(n.slice(0, cut)), n.slice(0, cut)).toBe(old.countPrefix(n.slice(0, cut)));
        }
        expect(ours!.has(n + "x")).toBe(old.has(n + "x"));
      }
    }, 120_000);
  }
});
