import { describe, it, expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import {
  DF_1_NAME_TABLE,
  DT_FLAGS_1,
  EM_AARCH64,
  EM_ALPHA,
  EM_ALTERA_NIOS2,
  EM_ARM,
  EM_CSKY,
  EM_IA_64,
  EM_MIPS,
  EM_PARISC,
  EM_PPC,
  EM_PPC64,
  EM_RISCV,
  EM_SPARCV9,
  EM_X86_64,
  ET_CORE,
  ET_DYN,
  MACHINE_NAME_TABLE,
  PREFERRED_NAME_NOTES,
  PT_GNU_PROPERTY,
  dynamicFlagNames,
  dynamicFlags1Names,
  dynamicTagName,
  gnuPropertyTypeName,
  machineDescription,
  machineName,
  noteTypeName,
  osabiName,
  sectionFlagNames,
  sectionTypeName,
  segmentFlagNames,
  segmentTypeName,
  symbolBindName,
  symbolTypeName,
  typeName,
  x86Feature1Names,
  x86Isa1Names,
} from "../../src/elf/constants.js";

const ELF_H = "/usr/include/elf.h";
const haveElfH = existsSync(ELF_H);
if (!haveElfH) {
  console.warn(`[constants.test] ${ELF_H} not found: skipping the glibc elf.h cross-check`);
}

interface Define {
  name: string;
  value: number;
}

/** `#define PREFIX_xxx N` lines whose value is a plain decimal or hex number. */
function parseDefines(text: string, prefix: string): Define[] {
  const out: Define[] = [];
  const re = new RegExp(`^#\\s*define\\s+(${prefix}_[A-Za-z0-9_]+)\\s+(0x[0-9a-fA-F]+|[0-9]+)[uUlL]*\\b`, "gm");
  for (const m of text.matchAll(re)) {
    out.push({ name: m[1]!, value: Number(m[2]!) });
  }
  return out;
}

/** Range markers and counts, which are not names of values. */
function isMarker(name: string): boolean {
  return (
    /_NUM$/.test(name) ||
    /_(LO|HI)(OS|PROC|USER|SUNW|RESERVE)$/.test(name) ||
    /_(VAL|ADDR)RNG(LO|HI)$/.test(name) ||
    name === "DT_ENCODING"
  );
}

// Processor-specific name prefixes in elf.h -> e_machine used for lookup.
const MACHINE_PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ["PPC64", EM_PPC64],
  ["PPC", EM_PPC],
  ["MIPS", EM_MIPS],
  ["SPARC", EM_SPARCV9],
  ["NIOS2", EM_ALTERA_NIOS2],
  ["PARISC", EM_PARISC],
  ["ALPHA", EM_ALPHA],
  ["X86_64", EM_X86_64],
  ["IA_64", EM_IA_64],
  ["ARM", EM_ARM],
  ["AARCH64", EM_AARCH64],
  ["RISCV", EM_RISCV],
  ["CSKY", EM_CSKY],
];

function machineFor(prefix: string, name: string): number | undefined {
  const rest = name.slice(prefix.length + 1);
  for (const [p, em] of MACHINE_PREFIXES) {
    if (rest.startsWith(p + "_")) return em;
  }
  return undefined;
}

/**
 * Check every plain-number define with `prefix` against `nameOf`.
 * The name we return must be one of elf.h's names for that value (within the
 * same machine namespace), or a documented preferred name.
 */
function crossCheck(
  text: string,
  prefix: string,
  nameOf: (value: number, machine: number | undefined) => string | undefined,
): string[] {
  const defines = parseDefines(text, prefix).filter((d) => !isMarker(d.name));
  const aliases = new Map<string, Set<string>>();
  const key = (v: number, m: number | undefined) => `${m ?? "generic"}:${v}`;
  for (const d of defines) {
    const k = key(d.value, machineFor(prefix, d.name));
    let set = aliases.get(k);
    if (!set) aliases.set(k, (set = new Set()));
    set.add(d.name);
  }
  const problems: string[] = [];
  for (const d of defines) {
    const machine = machineFor(prefix, d.name);
    const ours = nameOf(d.value, machine);
    const accepted = aliases.get(key(d.value, machine)) ?? new Set<string>();
    if (ours === undefined) {
      problems.push(`${d.name} = 0x${d.value.toString(16)}: no entry`);
    } else if (!accepted.has(ours) && !PREFERRED_NAME_NOTES.has(ours)) {
      problems.push(`${d.name} = 0x${d.value.toString(16)}: we say ${ours}`);
    }
  }
  expect(defines.length).toBeGreaterThan(0);
  return problems;
}

describe.skipIf(!haveElfH)("cross-check against glibc /usr/include/elf.h", () => {
  const text = haveElfH ? readFileSync(ELF_H, "utf8") : "";

  it("has every EM_ value", () => {
    expect(crossCheck(text, "EM", (v) => MACHINE_NAME_TABLE.get(v))).toEqual([]);
  });

  it("has every DT_ value", () => {
    const known = (v: number, m: number | undefined) => {
      const n = dynamicTagName(v, m);
      return n.startsWith("DT_0x") ? undefined : n;
    };
    expect(crossCheck(text, "DT", known)).toEqual([]);
  });

  it("has every PT_ value", () => {
    const known = (v: number, m: number | undefined) => {
      const n = segmentTypeName(v, m);
      return n.startsWith("PT_0x") ? undefined : n;
    };
    expect(crossCheck(text, "PT", known)).toEqual([]);
  });

  it("has every SHT_ value", () => {
    const known = (v: number, m: number | undefined) => {
      const n = sectionTypeName(v, m);
      return n.startsWith("SHT_0x") ? undefined : n;
    };
    expect(crossCheck(text, "SHT", known)).toEqual([]);
  });

  it("has every DF_1_ value", () => {
    expect(crossCheck(text, "DF_1", (v) => DF_1_NAME_TABLE.get(v))).toEqual([]);
  });
});

describe("spot checks", () => {
  it("machine names", () => {
    expect(machineName(62)).toBe("EM_X86_64");
    expect(machineName(183)).toBe("EM_AARCH64");
    expect(machineName(9999)).toBe("EM_9999");
    expect(machineName(243)).toBe("EM_RISCV");
    expect(machineName(247)).toBe("EM_BPF");
    expect(machineName(252)).toBe("EM_CSKY");
    expect(machineName(258)).toBe("EM_LOONGARCH");
    expect(machineName(0x9026)).toBe("EM_ALPHA");
  });

  it("machine descriptions", () => {
    expect(machineDescription(62)).toBe("x86-64");
    expect(machineDescription(183)).toBe("ARM aarch64");
    expect(machineDescription(3)).toBe("Intel 80386");
    expect(machineDescription(22)).toBe("IBM S/390");
    expect(machineDescription(8)).toBe("MIPS");
    expect(machineDescription(20)).toBe("PowerPC or cisco 4500");
    expect(machineDescription(21)).toBe("64-bit PowerPC or cisco 7500");
    expect(machineDescription(243)).toBe("UCB RISC-V");
    expect(machineDescription(40)).toBe("ARM");
    expect(machineDescription(9999)).toBeUndefined();
    const described = [...MACHINE_NAME_TABLE.keys()].filter((k) => machineDescription(k) !== undefined);
    expect(described.length).toBeGreaterThanOrEqual(40);
  });

  it("osabi and type", () => {
    expect(osabiName(0)).toBe("ELFOSABI_NONE");
    expect(osabiName(3)).toBe("ELFOSABI_GNU");
    expect(osabiName(9)).toBe("ELFOSABI_FREEBSD");
    expect(osabiName(64, EM_ARM)).toBe("ELFOSABI_ARM_AEABI");
    expect(osabiName(64)).toBe("ELFOSABI_64");
    expect(typeName(ET_DYN)).toBe("ET_DYN");
    expect(typeName(0xfe01)).toBe("ET_0xfe01");
  });

  it("segment types", () => {
    expect(segmentTypeName(0x6474e553)).toBe("PT_GNU_PROPERTY");
    expect(segmentTypeName(PT_GNU_PROPERTY)).toBe("PT_GNU_PROPERTY");
    expect(segmentTypeName(0x6474e554)).toBe("PT_GNU_SFRAME");
    expect(segmentTypeName(0x70000001, EM_ARM)).toBe("PT_ARM_EXIDX");
    expect(segmentTypeName(0x70000001)).toBe("PT_0x70000001");
    expect(segmentTypeName(0x70000003, EM_MIPS)).toBe("PT_MIPS_ABIFLAGS");
    expect(segmentTypeName(0x70000002, EM_AARCH64)).toBe("PT_AARCH64_MEMTAG_MTE");
    expect(segmentTypeName(0x70000003, EM_RISCV)).toBe("PT_RISCV_ATTRIBUTES");
    expect(segmentTypeName(0x65a3dbe6)).toBe("PT_OPENBSD_RANDOMIZE");
    expect(segmentTypeName(0x12345678)).toBe("PT_0x12345678");
  });

  it("section types", () => {
    expect(sectionTypeName(0x6ffffff6)).toBe("SHT_GNU_HASH");
    expect(sectionTypeName(19)).toBe("SHT_RELR");
    expect(sectionTypeName(0x70000001, EM_ARM)).toBe("SHT_ARM_EXIDX");
    expect(sectionTypeName(0x70000003, EM_ARM)).toBe("SHT_ARM_ATTRIBUTES");
    expect(sectionTypeName(0x70000001, EM_X86_64)).toBe("SHT_X86_64_UNWIND");
    expect(sectionTypeName(0x70000003, EM_AARCH64)).toBe("SHT_AARCH64_ATTRIBUTES");
    expect(sectionTypeName(0x7000002a, EM_MIPS)).toBe("SHT_MIPS_ABIFLAGS");
    expect(sectionTypeName(0x70000003)).toBe("SHT_0x70000003");
  });

  it("dynamic tags", () => {
    expect(dynamicTagName(0x6ffffffb)).toBe("DT_FLAGS_1");
    expect(dynamicTagName(DT_FLAGS_1)).toBe("DT_FLAGS_1");
    expect(dynamicTagName(0x6ffffffbn)).toBe("DT_FLAGS_1");
    expect(dynamicTagName(35)).toBe("DT_RELRSZ");
    expect(dynamicTagName(0x70000000, EM_PPC64)).toBe("DT_PPC64_GLINK");
    expect(dynamicTagName(0x70000005, EM_AARCH64)).toBe("DT_AARCH64_VARIANT_PCS");
    expect(dynamicTagName(0x70000001, EM_MIPS)).toBe("DT_MIPS_RLD_VERSION");
    expect(dynamicTagName(0x70000034, EM_MIPS)).toBe("DT_MIPS_RWPLT");
    expect(dynamicTagName(0x70000003, EM_X86_64)).toBe("DT_X86_64_PLTENT");
    expect(dynamicTagName(0x70000001)).toBe("DT_0x70000001");
    expect(dynamicTagName(0x7fffffff)).toBe("DT_FILTER");
  });

  it("flag words", () => {
    expect(sectionFlagNames(0x802n)).toEqual(["SHF_ALLOC", "SHF_COMPRESSED"]);
    expect(sectionFlagNames(0x1_0000_0000n)).toEqual(["SHF_0x100000000"]);
    expect(sectionFlagNames(0x10000002n, EM_X86_64)).toEqual(["SHF_ALLOC", "SHF_X86_64_LARGE"]);
    expect(segmentFlagNames(7)).toEqual(["PF_R", "PF_W", "PF_X"]);
    expect(segmentFlagNames(5)).toEqual(["PF_R", "PF_X"]);
    expect(segmentFlagNames(0x100004)).toEqual(["PF_R", "PF_0x100000"]);
    expect(dynamicFlagNames(0x18n)).toEqual(["DF_BIND_NOW", "DF_STATIC_TLS"]);
    expect(dynamicFlags1Names(0x08000001n)).toEqual(["DF_1_NOW", "DF_1_PIE"]);
    expect(dynamicFlags1Names(0x80000000n)).toEqual(["DF_1_0x80000000"]);
    expect(DF_1_NAME_TABLE.size).toBe(31);
  });

  it("notes and properties", () => {
    expect(noteTypeName("GNU", 3)).toBe("NT_GNU_BUILD_ID");
    expect(noteTypeName("GNU", 5)).toBe("NT_GNU_PROPERTY_TYPE_0");
    expect(noteTypeName("Go", 4)).toBe("NT_GO_BUILDID");
    expect(noteTypeName("FDO", 0xcafe1a7e)).toBe("NT_FDO_PACKAGING_METADATA");
    expect(noteTypeName("CORE", 1)).toBe("NT_PRSTATUS");
    expect(noteTypeName("CORE", 0x46494c45)).toBe("NT_FILE");
    expect(noteTypeName("LINUX", 0x202)).toBe("NT_X86_XSTATE");
    expect(noteTypeName("XYZ", 1)).toBe("NT_VERSION");
    expect(noteTypeName("XYZ", 6, ET_CORE)).toBe("NT_AUXV");
    expect(noteTypeName("GNU", 0x99)).toBe("NT_0x99");
    expect(gnuPropertyTypeName(0xc0008002, EM_X86_64)).toBe("GNU_PROPERTY_X86_ISA_1_NEEDED");
    expect(gnuPropertyTypeName(0xc0000002, EM_X86_64)).toBe("GNU_PROPERTY_X86_FEATURE_1_AND");
    expect(gnuPropertyTypeName(0xc0000000, EM_AARCH64)).toBe("GNU_PROPERTY_AARCH64_FEATURE_1_AND");
    expect(gnuPropertyTypeName(1)).toBe("GNU_PROPERTY_STACK_SIZE");
    expect(gnuPropertyTypeName(0xc0000000)).toBe("GNU_PROPERTY_0xc0000000");
    expect(x86Isa1Names(0x5)).toEqual(["GNU_PROPERTY_X86_ISA_1_BASELINE", "GNU_PROPERTY_X86_ISA_1_V3"]);
    expect(x86Feature1Names(0x3)).toEqual(["GNU_PROPERTY_X86_FEATURE_1_IBT", "GNU_PROPERTY_X86_FEATURE_1_SHSTK"]);
  });

  it("symbols", () => {
    expect(symbolTypeName(2)).toBe("STT_FUNC");
    expect(symbolTypeName(10)).toBe("STT_GNU_IFUNC");
    expect(symbolTypeName(13, EM_ARM)).toBe("STT_ARM_TFUNC");
    expect(symbolTypeName(13, EM_SPARCV9)).toBe("STT_SPARC_REGISTER");
    expect(symbolTypeName(13)).toBe("STT_13");
    expect(symbolBindName(2)).toBe("STB_WEAK");
    expect(symbolBindName(10)).toBe("STB_GNU_UNIQUE");
  });
});
