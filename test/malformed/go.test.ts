/**
 * The Go cases of the malformed suite (issue 6): build info with a 2^40 varint length, old
 * (pointer) format build info whose pointers point at each other, a pclntab header with a bad
 * quantum, a pclntab with nfunc = 2^31. Files come from the Go fixtures (test/go/fixtures.ts:
 * a text segment, a read-only one holding pclntab, a writable one starting with build info),
 * in ELF64 little-endian and ELF32 big-endian. Each case asserts strict mode's error code and
 * file offset (found independently, from the section headers), lenient mode's warning and the
 * Go facts that survive, through `inspect()`, `analyzeGo` and `inspectGo`; and that nothing
 * hangs, reads past the file or allocates by the hostile count.
 */
import { describe, expect, it } from "vitest";
import { analyzeGo, inspectGo } from "../../src/go/index.js";
import { ElfError, inspect, openElf, type Warning } from "../../src/index.js";
import { goElf, pclntab, RW_ADDR } from "../go/fixtures.js";
import { DataBuilder } from "../support/elf-writer.js";
import { exercise } from "../fuzz/oracle.js";

const MAGIC = new Uint8Array([0xff, ...new TextEncoder().encode(" Go buildinf:")]);
/** Function names of the synthetic pclntab: three packages survive build info damage. */
const NAMES = ["main.main", "net/http.Get", "runtime.main"];
const PACKAGES = ["main", "net/http", "runtime"];
const MODULE = "path\texample.com/tool\nmod\texample.com/tool\tv1.0.0\n";

const SHAPES = [
  { class: 64, little: true },
  { class: 32, little: false },
] as const;
type Shape = (typeof SHAPES)[number];
const ptrOf = (s: Shape) => (s.class === 64 ? 8 : 4) as 4 | 8;

/** File offset of a section, from the section headers (not from the Go layer). */
async function sectionOffset(bytes: Uint8Array, name: string): Promise<number> {
  const s = (await openElf(bytes)).sectionByName(name);
  if (s === undefined) throw new Error(`no ${name}`);
  return s.offset;
}

async function strictError(bytes: Uint8Array): Promise<ElfError> {
  try {
    await inspect(bytes, { strict: true });
  } catch (e) {
    if (e instanceof ElfError) return e;
    throw e;
  }
  throw new Error("strict inspect did not throw");
}

/**
 * Runs `fn` and checks it is bounded: well under a second, the heap (JS objects and array
 * buffers) not grown by more than 16 MiB, nothing read beyond the file's bytes.
 */
async function bounded<T>(fn: () => Promise<T>): Promise<T> {
  const before = process.memoryUsage();
  const t = performance.now();
  const out = await fn();
  const ms = performance.now() - t;
  const after = process.memoryUsage();
  expect(ms).toBeLessThan(1000);
  expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(16 * 2 ** 20);
  return out;
}

/** Both modes through every Go entry point; returns what lenient mode kept. */
async function check(bytes: Uint8Array, want: { code: string; offset: number; value: bigint | number }) {
  // Strict: inspect() and the Go layer's own entry both throw the one error, at its offset.
  const e = await strictError(bytes);
  expect({ code: e.code, offset: e.offset, value: BigInt(e.value as bigint) }).toEqual({ ...want, value: BigInt(want.value) });
  await expect(inspectGo(await openElf(bytes, { strict: true }))).rejects.toMatchObject({ code: want.code, offset: want.offset });
  // Lenient: a warning with the same code and offset, and a report.
  const report = await bounded(() => inspect(bytes));
  const w = report.warnings.filter((x: Warning) => x.code === want.code);
  expect(w).toHaveLength(1);
  expect(w[0]!.offset).toBe(want.offset);
  const elf = await openElf(bytes);
  const info = await bounded(() => analyzeGo(elf));
  expect(elf.warnings.map((x) => [x.code, x.offset])).toContainEqual([want.code, want.offset]);
  expect(elf.source.stats.bytesRead).toBeLessThanOrEqual(bytes.length);
  const analysis = await inspectGo(await openElf(bytes));
  // The fuzz oracle's every check passes on it too (only ElfError, bounded output).
  expect(await exercise(bytes)).toBeUndefined();
  return { report, info: info!, analysis: analysis! };
}

describe.each(SHAPES)("Go malformed, ELF$class little=$little", (shape) => {
  const ptr = ptrOf(shape);
  const cls = shape.class;
  const little = shape.little;
  const table = (patch?: (b: DataBuilder) => void) => pclntab("go1.20", little, ptr, NAMES, patch);

  it("build info with a 2^40 varint length: LIMIT_EXCEEDED at the varint; pclntab's facts survive", async () => {
    // Inline format (Go 1.18+): the 32-byte header, then uvarint(len) + version.
    const blob = () => new DataBuilder(little).bytes(MAGIC).u8(ptr).u8(2).zeros(16).uvarint(2n ** 40n).bytes("go1.21.0").finish();
    const bytes = goElf({ class: cls, little, buildinfoBytes: blob, pclntab: table() });
    const offset = (await sectionOffset(bytes, ".go.buildinfo")) + 32;
    const { report, info, analysis } = await check(bytes, { code: "LIMIT_EXCEEDED", offset, value: 2n ** 40n });
    expect(info.buildInfo).toBeNull();
    expect(report.go).toMatchObject({ path: null, versionSource: "pclntab-layout", packages: PACKAGES });
    expect(info.pclntab).not.toBeNull();
    expect(analysis.hasFunction("net/http.Get")).toBe(true);
  });

  it("pointer-format build info whose string headers point at each other: one bounded read each, no loop", async () => {
    // Header pointers -> string headers S1 (version) and S2 (module); S1's data is S2 and S2's
    // data is S1, each 2 words long: followed once, they are just 2 words of bytes.
    const blob = (p: number) => {
      const s1 = RW_ADDR + 32n;
      const s2 = s1 + BigInt(2 * p);
      const b = new DataBuilder(little, p === 8);
      b.bytes(MAGIC).u8(p).u8(little ? 0 : 1).word(s1).word(s2).align(32);
      return b.word(s2).word(2 * p).word(s1).word(2 * p).finish();
    };
    const bytes = goElf({ class: cls, little, buildinfoBytes: blob, pclntab: table() });
    const elf = await openElf(bytes, { strict: true });
    const info = await bounded(() => analyzeGo(elf));
    // Go's readString reads each once: the version is S2's 2 words, the module text (S1's 2
    // words, too short for its sentinels) is empty. Nothing to warn about, nothing re-followed.
    expect(elf.warnings).toEqual([]);
    expect(info!.buildInfo).toMatchObject({ format: "pointer", pointerSize: ptr, bigEndian: !little });
    expect(new TextEncoder().encode(info!.version ?? "").length).toBe(2 * ptr);
    expect(info!.path).toBe("");
    expect(info!.packages).toEqual(PACKAGES);
    expect(elf.source.stats.bytesRead).toBeLessThanOrEqual(bytes.length);
    expect(await exercise(bytes)).toBeUndefined();
  });

  it("pointer-format build info pointing into itself (a length that is an address): LIMIT_EXCEEDED at that length", async () => {
    // Both header pointers name the header's own pointer field at +16: that string header's
    // length is the next word, the address RW_ADDR + 16, far above any Go string limit.
    const blob = (p: number) => {
      const b = new DataBuilder(little, p === 8);
      return b.bytes(MAGIC).u8(p).u8(little ? 0 : 1).word(RW_ADDR + 16n).word(RW_ADDR + 16n).finish();
    };
    const bytes = goElf({ class: cls, little, buildinfoBytes: blob, pclntab: table() });
    const offset = (await sectionOffset(bytes, ".go.buildinfo")) + 16 + ptr;
    const { report, info } = await check(bytes, { code: "LIMIT_EXCEEDED", offset, value: RW_ADDR + 16n });
    expect(info.buildInfo).toBeNull();
    expect(report.go).toMatchObject({ path: null, packages: PACKAGES });
  });

  it("pclntab header with a bad quantum: BAD_GO_PCLNTAB at the quantum byte; build info survives", async () => {
    const bytes = goElf({ class: cls, little, buildinfo: "inline", version: "go1.21.0", moduleText: MODULE, pclntab: table((b) => b.u8(3, 6)) });
    const offset = (await sectionOffset(bytes, ".gopclntab")) + 6;
    const { report, info, analysis } = await check(bytes, { code: "BAD_GO_PCLNTAB", offset, value: 3 * 256 + ptr });
    expect(info.pclntab).toBeNull();
    expect(analysis.functions).toBeUndefined();
    expect(report.go).toMatchObject({ version: "go1.21.0", versionSource: "buildinfo", path: "example.com/tool", packages: [] });
    expect(report.go).toMatchObject({ main: { path: "example.com/tool", version: "v1.0.0" } });
  });

  it("pclntab with nfunc = 2^31: LIMIT_EXCEEDED at nfunc before anything is sized by it; build info survives", async () => {
    const bytes = goElf({ class: cls, little, buildinfo: "inline", version: "go1.21.0", moduleText: MODULE, pclntab: table((b) => b.word(2 ** 31, 8)) });
    const offset = (await sectionOffset(bytes, ".gopclntab")) + 8;
    const { report, info, analysis } = await check(bytes, { code: "LIMIT_EXCEEDED", offset, value: 2 ** 31 });
    expect(info.pclntab).toBeNull();
    expect(analysis.functions).toBeUndefined();
    expect(report.go).toMatchObject({ version: "go1.21.0", path: "example.com/tool", packages: [] });
  });
});
