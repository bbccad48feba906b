/**
 * Fuzz seeds: the synthetic files of the malformed suite (every structure present, each class
 * and byte order, plus the damaged variants), small synthetic Go programs (build info in both
 * formats, pclntab in every layout: the test binaries' Go data lies far past any prefix a fuzz
 * input keeps), and the test binaries, whole when small, else their first `maxBytes` (headers,
 * program headers, notes and usually the dynamic section are at the front; small seeds keep
 * executions fast).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { framed, MAGIC, pclntab, RO_ADDR, RW_ADDR, TEXT_ADDR, type Layout } from "../go/fixtures.js";
import { build } from "../malformed/builder.js";
import { malformedInputs } from "../malformed/cases.js";
import { buildElf, DataBuilder, PF_R, PF_W, PF_X, SHF_ALLOC, SHF_WRITE, SHT_PROGBITS } from "../support/elf-writer.js";

export const BIN_DIR = join(import.meta.dirname, "..", "binaries");

export interface Seed {
  name: string;
  bytes: Uint8Array;
}

export function loadCorpus(maxBytes: number): Seed[] {
  const seeds: Seed[] = [];
  for (const cls of [32, 64] as const) {
    for (const endian of ["little", "big"] as const) seeds.push({ name: `built-${cls}-${endian}`, bytes: build({ class: cls, endian }).bytes });
  }
  for (const m of malformedInputs()) if (m.bytes.length <= maxBytes) seeds.push({ name: `malformed-${m.name}`, bytes: m.bytes });
  seeds.push(...goSeeds());
  let names: string[] = [];
  try {
    names = readdirSync(BIN_DIR).filter((n) => statSync(join(BIN_DIR, n)).isFile() && !n.endsWith(".md")).sort();
  } catch {
    // test/binaries is generated; without it the synthetic seeds still cover every structure.
  }
  for (const n of names) {
    const all = readFileSync(join(BIN_DIR, n));
    seeds.push({ name: n, bytes: new Uint8Array(all.subarray(0, Math.min(all.length, maxBytes))) });
  }
  return seeds;
}

/** Function names whose packages and symbols the Go layer and the scratch verdict look for. */
const GO_NAMES = [
  "runtime.main", "main.main", "net/http.Get", "net._cgo_getaddrinfo", "crypto/x509.(*Certificate).Verify",
  "time.LoadLocation", "os/user.Current", "crosscall2", "github.com/spf13/cobra.(*Command).Execute",
];
const GO_MODULE = [
  "path\texample.com/tool", "mod\texample.com/tool\tv1.2.3\th1:abc=", "dep\tgolang.org/x/sys\tv0.1.0\th1:sys=",
  "dep\tgithub.com/old/dep\tv1.0.0", "=>\tgithub.com/new/dep\tv1.0.1\th1:new=", "build\tCGO_ENABLED=1", "build\tGOARCH=amd64", "",
].join("\n");

/**
 * Go programs as the Go fixtures (test/go/fixtures.ts) lay them out — text, a read-only segment
 * with pclntab and the strings, a writable one starting with build info — but with 16-byte
 * segment alignment, so a whole program is about 2 KiB and fits any fuzz input.
 */
export function goSeeds(): Seed[] {
  const out: Seed[] = [];
  const shapes = [[64, true], [32, false], [64, false], [32, true]] as const;
  const layouts: Layout[] = ["go1.2", "go1.16", "go1.18", "go1.20"];
  layouts.forEach((layout, li) => {
    shapes.forEach(([cls, little], si) => {
      const format = (li + si) % 2 === 0 ? "inline" : "pointer";
      const sections = li !== si; // one seed per layout without section headers
      out.push({ name: `go-${layout}-${cls}${little ? "le" : "be"}-${format}${sections ? "" : "-noshdr"}`, bytes: goSeed(cls, little, layout, format, sections) });
    });
  });
  return out;
}

function goSeed(cls: 32 | 64, little: boolean, layout: Layout, format: "inline" | "pointer", sections: boolean): Uint8Array {
  const wide = cls === 64;
  const ptr = wide ? 8 : 4;
  const ro = new DataBuilder(little, wide);
  const table = pclntab(layout, little, ptr, GO_NAMES);
  ro.bytes(table).align(16);
  const version = "go1.21.5";
  const versionAt = ro.length;
  ro.bytes(version);
  const mod = framed(GO_MODULE);
  const modAt = ro.length;
  ro.bytes(mod).align(16);
  const magic = new Uint8Array([...MAGIC].map((c) => c.charCodeAt(0)));
  const rw = new DataBuilder(little, wide);
  if (format === "pointer") {
    rw.bytes(magic).u8(ptr).u8(little ? 0 : 1).word(RW_ADDR + 32n).word(RW_ADDR + 32n + BigInt(2 * ptr)).align(32);
    rw.word(RO_ADDR + BigInt(versionAt)).word(version.length).word(RO_ADDR + BigInt(modAt)).word(mod.length);
  } else {
    rw.bytes(magic).u8(ptr).u8(2).zeros(16).uvarint(version.length).bytes(version).uvarint(mod.length).bytes(mod);
  }
  rw.align(16);
  const text = new Uint8Array(64).fill(0x90);
  return buildElf({
    class: cls,
    little,
    entry: TEXT_ADDR,
    segments: [
      { flags: PF_R | PF_X, vaddr: TEXT_ADDR, data: text, align: 16 },
      { flags: PF_R, vaddr: RO_ADDR, data: ro.finish(), align: 16 },
      { flags: PF_R | PF_W, vaddr: RW_ADDR, data: rw.finish(), align: 16 },
    ],
    sections: [
      { name: ".text", type: SHT_PROGBITS, flags: SHF_ALLOC | 4, addr: TEXT_ADDR, size: text.length },
      { name: ".gopclntab", type: SHT_PROGBITS, flags: SHF_ALLOC, addr: RO_ADDR, size: table.length },
      { name: ".go.buildinfo", type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, addr: RW_ADDR, size: 32 },
    ],
    omitSectionHeaders: !sections,
  }).bytes;
}
