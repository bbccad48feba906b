/**
 * Numeric ELF constants and their specification names, for output strings.
 *
 * Sources (cited per table below):
 *  - [gABI]     System V ABI, "Object Files" chapter (https://www.sco.com/developers/gabi/latest/contents.html)
 *               and the generic-abi mailing list for later registrations.
 *  - [glibc]    glibc `elf/elf.h` (installed as /usr/include/elf.h).
 *  - [binutils] binutils-gdb `include/elf/common.h` and the per-target headers
 *               (`include/elf/{arm,aarch64,mips,ppc,ppc64,x86-64,riscv,...}.h`).
 *  - [LLVM]     llvm-project `llvm/include/llvm/BinaryFormat/ELF.h` and `DynamicTags.def`.
 *  - [Linux]    Linux `include/uapi/linux/elf.h` (core-file note types).
 *  - [file]     file(1) `magic/Magdir/elf` (human machine descriptions).
 *
 * Where the sources give several names for one value, the table holds one
 * preferred name and a comment lists the aliases.  Preferred-name choices that
 * differ from glibc's elf.h are listed in PREFERRED_NAME_NOTES below.
 *
 * Browser-safe: no imports, no Node APIs.
 */

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

type Entry = readonly [value: number, name: string];

function table(entries: readonly Entry[]): ReadonlyMap<number, string> {
  return new Map(entries);
}

/** Normalise a number or bigint to a non-negative JS number when it fits exactly, else undefined. */
function toIndex(n: number | bigint): number | undefined {
  if (typeof n === "bigint") {
    const u = BigInt.asUintN(64, n);
    return u <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(u) : undefined;
  }
  if (!Number.isInteger(n)) return undefined;
  return n < 0 ? n >>> 0 : n;
}

/** Lowercase hex without padding, "0x" prefixed; negative values are shown as 64-bit two's complement. */
function hex(n: number | bigint): string {
  if (typeof n === "bigint") return "0x" + BigInt.asUintN(64, n).toString(16);
  if (n < 0) return "0x" + BigInt.asUintN(64, BigInt(Math.trunc(n))).toString(16);
  return "0x" + n.toString(16);
}

function lookup(
  n: number | bigint,
  generic: ReadonlyMap<number, string>,
  perMachine: ReadonlyMap<number, ReadonlyMap<number, string>>,
  machine: number | undefined,
): string | undefined {
  const i = toIndex(n);
  if (i === undefined) return undefined;
  if (machine !== undefined) {
    const m = perMachine.get(machine)?.get(i);
    if (m !== undefined) return m;
  }
  return generic.get(i);
}

/** Build a machine -> table map where several EM_ values share one table. */
function byMachine(
  groups: ReadonlyArray<readonly [machines: readonly number[], entries: readonly Entry[]]>,
): ReadonlyMap<number, ReadonlyMap<number, string>> {
  const out = new Map<number, ReadonlyMap<number, string>>();
  for (const [machines, entries] of groups) {
    const t = table(entries);
    for (const m of machines) {
      const prev = out.get(m);
      out.set(m, prev ? new Map([...prev, ...t]) : t);
    }
  }
  return out;
}

/**
 * Names for set bits of a flag word, in table order, then unknown bits
 * (ascending) as `<prefix>0x<hex>`.
 */
function bitNames(
  value: number | bigint,
  bits: readonly Entry[],
  unknownPrefix: string,
): string[] {
  // Flag words repeat (a file's sections have a handful of distinct sh_flags; every file's
  // segments the same few p_flags): answer from a small per-table memo, as a fresh array.
  let memo = bitNamesMemo.get(bits);
  if (memo === undefined) bitNamesMemo.set(bits, (memo = new Map()));
  const key = typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : typeof value === "bigint" ? value : undefined;
  const hit = key === undefined ? undefined : memo.get(key);
  if (hit !== undefined) return hit.slice();
  const names = computeBitNames(value, bits, unknownPrefix);
  if (key !== undefined) {
    // Bounded: hostile input with thousands of distinct flag words cannot grow it.
    if (memo.size >= 256) memo.clear();
    memo.set(key, names.slice());
  }
  return names;
}

const bitNamesMemo = new WeakMap<readonly Entry[], Map<number | bigint, string[]>>();

function computeBitNames(
  value: number | bigint,
  bits: readonly Entry[],
  unknownPrefix: string,
): string[] {
  let v = typeof value === "bigint" ? BigInt.asUintN(64, value) : BigInt.asUintN(64, BigInt(Math.trunc(value)));
  const out: string[] = [];
  if (v === 0n) return out;
  for (const [bit, b] of bigBits(bits)) {
    if (b !== 0n && (v & b) === b) {
      out.push(bit);
      v &= ~b;
    }
  }
  // The bits left have no name. Walk only the set ones, as two 32-bit halves: a hostile flags
  // word has up to 64 of them on each of thousands of section headers, and a BigInt shift and
  // test per bit position made this the slowest step of a report.
  const halves: [number, number][] = [[Number(v & 0xffffffffn), 0], [Number(v >> 32n), 32]];
  for (const [half, shift] of halves) {
    let h = half;
    while (h !== 0) {
      out.push(unknownPrefix + BIT_HEX[31 - Math.clz32(h & -h) + shift]!);
      h &= h - 1;
    }
  }
  return out;
}

/** "0x1" … "0x8000000000000000": the name of each single bit, formatted once. */
const BIT_HEX: readonly string[] = Array.from({ length: 64 }, (_, i) => `0x${(1n << BigInt(i)).toString(16)}`);

/** Each table's values as BigInt masks, converted once. */
const bigBitsCache = new WeakMap<readonly Entry[], readonly (readonly [string, bigint])[]>();
function bigBits(bits: readonly Entry[]): readonly (readonly [string, bigint])[] {
  let b = bigBitsCache.get(bits);
  if (b === undefined) {
    b = bits.map(([bit, name]) => [name, BigInt(bit)] as const);
    bigBitsCache.set(bits, b);
  }
  return b;
}

/* ------------------------------------------------------------------------ */
/* e_ident                                                                   */
/* ------------------------------------------------------------------------ */

// [gABI] e_ident[] indexes.
export const EI_MAG0 = 0;
export const EI_MAG1 = 1;
export const EI_MAG2 = 2;
export const EI_MAG3 = 3;
export const EI_CLASS = 4;
export const EI_DATA = 5;
export const EI_VERSION = 6;
export const EI_OSABI = 7;
export const EI_ABIVERSION = 8;
export const EI_PAD = 9;
export const EI_NIDENT = 16;

/** "\x7fELF" */
export const ELFMAG: readonly number[] = Object.freeze([0x7f, 0x45, 0x4c, 0x46]);

export const ELFCLASSNONE = 0;
export const ELFCLASS32 = 1;
export const ELFCLASS64 = 2;

export const ELFDATANONE = 0;
export const ELFDATA2LSB = 1;
export const ELFDATA2MSB = 2;

export const EV_NONE = 0;
export const EV_CURRENT = 1;

const CLASS_NAMES = table([
  [ELFCLASSNONE, "ELFCLASSNONE"],
  [ELFCLASS32, "ELFCLASS32"],
  [ELFCLASS64, "ELFCLASS64"],
]);
const DATA_NAMES = table([
  [ELFDATANONE, "ELFDATANONE"],
  [ELFDATA2LSB, "ELFDATA2LSB"],
  [ELFDATA2MSB, "ELFDATA2MSB"],
]);

/** ELFCLASS32 / ELFCLASS64; unknown -> `ELFCLASS<n>`. */
export function elfClassName(n: number): string {
  return CLASS_NAMES.get(n) ?? `ELFCLASS${n}`;
}

/** ELFDATA2LSB / ELFDATA2MSB; unknown -> `ELFDATA<n>`. */
export function elfDataName(n: number): string {
  return DATA_NAMES.get(n) ?? `ELFDATA${n}`;
}

/* ------------------------------------------------------------------------ */
/* EI_OSABI                                                                  */
/* ------------------------------------------------------------------------ */

// [binutils] common.h, [glibc] elf.h, [LLVM] ELF.h.
export const ELFOSABI_NONE = 0; // alias ELFOSABI_SYSV (glibc)
export const ELFOSABI_SYSV = 0;
export const ELFOSABI_HPUX = 1;
export const ELFOSABI_NETBSD = 2;
export const ELFOSABI_GNU = 3; // alias ELFOSABI_LINUX (historical name)
export const ELFOSABI_LINUX = 3;
export const ELFOSABI_HURD = 4; // [LLVM] historical, superseded by ELFOSABI_GNU
export const ELFOSABI_86OPEN = 5; // historical (FreeBSD elf_common.h)
export const ELFOSABI_SOLARIS = 6;
export const ELFOSABI_AIX = 7;
export const ELFOSABI_IRIX = 8;
export const ELFOSABI_FREEBSD = 9;
export const ELFOSABI_TRU64 = 10;
export const ELFOSABI_MODESTO = 11;
export const ELFOSABI_OPENBSD = 12;
export const ELFOSABI_OPENVMS = 13;
export const ELFOSABI_NSK = 14;
export const ELFOSABI_AROS = 15;
export const ELFOSABI_FENIXOS = 16;
export const ELFOSABI_CLOUDABI = 17;
export const ELFOSABI_OPENVOS = 18;
export const ELFOSABI_ARM_AEABI = 64; // [glibc] only meaningful for EM_ARM
export const ELFOSABI_ARM_FDPIC = 65; // [binutils] only meaningful for EM_ARM
export const ELFOSABI_ARM = 97;
export const ELFOSABI_STANDALONE = 255;

const OSABI_NAMES = table([
  // ELFOSABI_NONE is the gABI name; glibc also calls it ELFOSABI_SYSV and
  // readelf prints "UNIX - System V".
  [0, "ELFOSABI_NONE"],
  [1, "ELFOSABI_HPUX"],
  [2, "ELFOSABI_NETBSD"],
  // ELFOSABI_GNU (gABI / binutils / glibc); ELFOSABI_LINUX is the historical alias.
  [3, "ELFOSABI_GNU"],
  [4, "ELFOSABI_HURD"],
  [5, "ELFOSABI_86OPEN"],
  [6, "ELFOSABI_SOLARIS"],
  [7, "ELFOSABI_AIX"],
  [8, "ELFOSABI_IRIX"],
  [9, "ELFOSABI_FREEBSD"],
  [10, "ELFOSABI_TRU64"],
  [11, "ELFOSABI_MODESTO"],
  [12, "ELFOSABI_OPENBSD"],
  [13, "ELFOSABI_OPENVMS"],
  [14, "ELFOSABI_NSK"],
  [15, "ELFOSABI_AROS"],
  [16, "ELFOSABI_FENIXOS"],
  [17, "ELFOSABI_CLOUDABI"],
  [18, "ELFOSABI_OPENVOS"],
  [97, "ELFOSABI_ARM"],
  [255, "ELFOSABI_STANDALONE"],
]);

/* ------------------------------------------------------------------------ */
/* e_type                                                                    */
/* ------------------------------------------------------------------------ */

// [gABI]
export const ET_NONE = 0;
export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const ET_CORE = 4;
export const ET_LOOS = 0xfe00;
export const ET_HIOS = 0xfeff;
export const ET_LOPROC = 0xff00;
export const ET_HIPROC = 0xffff;

const TYPE_NAMES = table([
  [ET_NONE, "ET_NONE"],
  [ET_REL, "ET_REL"],
  [ET_EXEC, "ET_EXEC"],
  [ET_DYN, "ET_DYN"],
  [ET_CORE, "ET_CORE"],
]);

/** ET_EXEC etc.; unknown -> `ET_0x<hex>`. */
export function typeName(n: number): string {
  return TYPE_NAMES.get(n) ?? `ET_${hex(n)}`;
}

/* ------------------------------------------------------------------------ */
/* e_machine                                                                 */
/* ------------------------------------------------------------------------ */

// Named e_machine values that analysis code uses.
export const EM_NONE = 0;
export const EM_SPARC = 2;
export const EM_386 = 3;
export const EM_68K = 4;
export const EM_IAMCU = 6;
export const EM_MIPS = 8;
export const EM_MIPS_RS3_LE = 10;
export const EM_PARISC = 15;
export const EM_SPARC32PLUS = 18;
export const EM_PPC = 20;
export const EM_PPC64 = 21;
export const EM_S390 = 22;
export const EM_ARM = 40;
export const EM_SH = 42;
export const EM_SPARCV9 = 43;
export const EM_IA_64 = 50;
export const EM_X86_64 = 62;
export const EM_ALTERA_NIOS2 = 113;
export const EM_TI_C6000 = 140;
export const EM_QDSP6 = 164; // Hexagon
export const EM_AARCH64 = 183;
export const EM_CUDA = 190;
export const EM_ARC_COMPACT = 93;
export const EM_ARC_COMPACT2 = 195;
export const EM_AMDGPU = 224;
export const EM_RISCV = 243;
export const EM_BPF = 247;
export const EM_CSKY = 252;
export const EM_LOONGARCH = 258;
export const EM_MSP430 = 105;
/** Unofficial Alpha value actually used by Linux/GNU toolchains [binutils, glibc]. */
export const EM_ALPHA = 0x9026;
export const EM_S390_OLD = 0xa390;

/**
 * [value, name, file(1)-style description?]
 *
 * Names: every EM_ value in binutils include/elf/common.h plus later gABI
 * registrations (260..269).  Where glibc and binutils disagree we use glibc's
 * spelling except where glibc deviates from the gABI registry (see
 * PREFERRED_NAME_NOTES).  binutils' placeholder "EM_resNNN" reservations are
 * omitted (they name nothing); named reservations (EM_INTEL182, ...) are kept.
 *
 * Descriptions: [file] magic/Magdir/elf strings, without the trailing comma.
 */
const MACHINES: ReadonlyArray<readonly [number, string, string?]> = [
  [0, "EM_NONE", "no machine"],
  [1, "EM_M32", "AT&T WE32100"],
  [2, "EM_SPARC", "SPARC"],
  [3, "EM_386", "Intel 80386"],
  [4, "EM_68K", "Motorola m68k"],
  [5, "EM_88K", "Motorola m88k"],
  [6, "EM_IAMCU", "Intel 80486"], // file(1) still says 80486 (EM_486 in gABI history)
  [7, "EM_860", "Intel 80860"],
  [8, "EM_MIPS", "MIPS"],
  [9, "EM_S370", "Amdahl"],
  [10, "EM_MIPS_RS3_LE", "MIPS (deprecated)"],
  [11, "EM_OLD_SPARCV9"], // [binutils] deprecated
  [15, "EM_PARISC", "PA-RISC"],
  [17, "EM_VPP500", "Fujitsu VPP500"], // binutils: EM_VPP550 (sic), EM_PPC_OLD
  [18, "EM_SPARC32PLUS", "SPARC32PLUS"],
  [19, "EM_960", "Intel 80960"],
  [20, "EM_PPC", "PowerPC or cisco 4500"],
  [21, "EM_PPC64", "64-bit PowerPC or cisco 7500"],
  [22, "EM_S390", "IBM S/390"],
  [23, "EM_SPU", "Cell SPU"],
  [36, "EM_V800", "NEC V800 or cisco 12000"],
  [37, "EM_FR20", "Fujitsu FR20"],
  [38, "EM_RH32", "TRW RH-32"],
  [39, "EM_RCE", "Motorola RCE"], // binutils: EM_MCORE; also EM_CSKY_OLD
  [40, "EM_ARM", "ARM"],
  [41, "EM_FAKE_ALPHA", "Alpha"], // gABI: EM_ALPHA; binutils: EM_OLD_ALPHA
  [42, "EM_SH", "Renesas SH"],
  [43, "EM_SPARCV9", "SPARC V9"],
  [44, "EM_TRICORE", "Siemens Tricore Embedded Processor"],
  [45, "EM_ARC", "Argonaut RISC Core, Argonaut Technologies Inc."],
  [46, "EM_H8_300", "Renesas H8/300"],
  [47, "EM_H8_300H", "Renesas H8/300H"],
  [48, "EM_H8S", "Renesas H8S"],
  [49, "EM_H8_500", "Renesas H8/500"],
  [50, "EM_IA_64", "IA-64"],
  [51, "EM_MIPS_X", "Stanford MIPS-X"],
  [52, "EM_COLDFIRE", "Motorola Coldfire"],
  [53, "EM_68HC12", "Motorola M68HC12"],
  [54, "EM_MMA", "Fujitsu MMA"],
  [55, "EM_PCP", "Siemens PCP"],
  [56, "EM_NCPU", "Sony nCPU"],
  [57, "EM_NDR1", "Denso NDR1"],
  [58, "EM_STARCORE", "Start*Core"],
  [59, "EM_ME16", "Toyota ME16"],
  [60, "EM_ST100", "ST100"],
  [61, "EM_TINYJ", "Tinyj emb."],
  [62, "EM_X86_64", "x86-64"],
  [63, "EM_PDSP", "Sony DSP"],
  [64, "EM_PDP10", "DEC PDP-10"],
  [65, "EM_PDP11", "DEC PDP-11"],
  [66, "EM_FX66", "FX66"],
  [67, "EM_ST9PLUS", "ST9+ 8/16 bit"],
  [68, "EM_ST7", "ST7 8 bit"],
  [69, "EM_68HC16", "MC68HC16"],
  [70, "EM_68HC11", "MC68HC11"],
  [71, "EM_68HC08", "MC68HC08"],
  [72, "EM_68HC05", "MC68HC05"],
  [73, "EM_SVX", "SGI SVx or Cray NV1"],
  [74, "EM_ST19", "ST19 8 bit"],
  [75, "EM_VAX", "Digital VAX"],
  [76, "EM_CRIS", "Axis cris"],
  [77, "EM_JAVELIN", "Infineon 32-bit embedded"],
  [78, "EM_FIREPATH", "Element 14 64-bit DSP"],
  [79, "EM_ZSP", "LSI Logic 16-bit DSP"],
  [80, "EM_MMIX", "MMIX"],
  [81, "EM_HUANY", "Harvard machine-independent"],
  [82, "EM_PRISM", "SiTera Prism"],
  [83, "EM_AVR", "Atmel AVR 8-bit"],
  [84, "EM_FR30", "Fujitsu FR30"],
  [85, "EM_D10V", "Mitsubishi D10V"],
  [86, "EM_D30V", "Mitsubishi D30V"],
  [87, "EM_V850", "NEC v850"],
  [88, "EM_M32R", "Renesas M32R"],
  [89, "EM_MN10300", "Matsushita MN10300"],
  [90, "EM_MN10200", "Matsushita MN10200"],
  [91, "EM_PJ", "picoJava"],
  [92, "EM_OPENRISC", "OpenRISC"], // binutils: EM_OR1K
  [93, "EM_ARC_COMPACT", "ARC Cores Tangent-A5"], // alias EM_ARC_A5
  [94, "EM_XTENSA", "Tensilica Xtensa"],
  [95, "EM_VIDEOCORE", "Alphamosaic VideoCore"], // binutils also EM_SCORE_OLD
  [96, "EM_TMM_GPP", "Thompson Multimedia"],
  [97, "EM_NS32K", "NatSemi 32k"],
  [98, "EM_TPC", "Tenor Network TPC"],
  [99, "EM_SNP1K", "Trebia SNP 1000"], // binutils also EM_PJ_OLD
  [100, "EM_ST200", "STMicroelectronics ST200"],
  [101, "EM_IP2K", "Ubicom IP2022"],
  [102, "EM_MAX", "MAX Processor"],
  [103, "EM_CR", "NatSemi CompactRISC"],
  [104, "EM_F2MC16", "Fujitsu F2MC16"],
  [105, "EM_MSP430", "TI msp430"],
  [106, "EM_BLACKFIN", "Analog Devices Blackfin"],
  [107, "EM_SE_C33", "S1C33 Family of Seiko Epson"],
  [108, "EM_SEP", "Sharp embedded"],
  [109, "EM_ARCA", "Arca RISC"],
  [110, "EM_UNICORE", "PKU-Unity Ltd."],
  [111, "EM_EXCESS", "eXcess: 16/32/64-bit"],
  [112, "EM_DXP", "Icera Deep Execution Processor"],
  [113, "EM_ALTERA_NIOS2", "Altera Nios II"],
  [114, "EM_CRX", "NatSemi CRX"],
  [115, "EM_XGATE", "Motorola XGATE"], // binutils also EM_CR16_OLD
  [116, "EM_C166", "Infineon C16x/XC16x"],
  [117, "EM_M16C", "Renesas M16C series"],
  [118, "EM_DSPIC30F", "Microchip dsPIC30F"],
  [119, "EM_CE", "Freescale RISC core"],
  [120, "EM_M32C", "Renesas M32C series"],
  [131, "EM_TSK3000", "Altium TSK3000 core"],
  [132, "EM_RS08", "Freescale RS08"],
  [133, "EM_SHARC", "Analog Devices SHARC family"], // [glibc]; binutils reserved
  [134, "EM_ECOG2", "Cyan Technology eCOG2"],
  [135, "EM_SCORE7", "Sunplus S+core7 RISC"], // binutils also EM_SCORE
  [136, "EM_DSP24", "New Japan Radio (NJR) 24-bit DSP"],
  [137, "EM_VIDEOCORE3", "Broadcom VideoCore III"],
  [138, "EM_LATTICEMICO32", "LatticeMico32"],
  [139, "EM_SE_C17", "Seiko Epson C17 family"],
  [140, "EM_TI_C6000", "TI TMS320C6000 DSP family"],
  [141, "EM_TI_C2000", "TI TMS320C2000 DSP family"],
  [142, "EM_TI_C5500", "TI TMS320C55x DSP family"],
  [143, "EM_TI_ARP32", "TI Application Specific RISC"], // [glibc]; binutils reserved
  [144, "EM_TI_PRU", "TI Programmable Realtime Unit"],
  [160, "EM_MMDSP_PLUS", "STMicroelectronics 64bit VLIW DSP"],
  [161, "EM_CYPRESS_M8C", "Cypress M8C"],
  [162, "EM_R32C", "Renesas R32C series"],
  [163, "EM_TRIMEDIA", "NXP TriMedia family"],
  [164, "EM_QDSP6", "QUALCOMM DSP6"],
  [165, "EM_8051", "Intel 8051 and variants"],
  [166, "EM_STXP7X", "STMicroelectronics STxP7x family"],
  [167, "EM_NDS32", "Andes embedded RISC"],
  [168, "EM_ECOG1X", "Cyan eCOG1X family"], // alias EM_ECOG1
  [169, "EM_MAXQ30", "Dallas MAXQ30"],
  [170, "EM_XIMO16", "New Japan Radio (NJR) 16-bit DSP"],
  [171, "EM_MANIK", "M2000 Reconfigurable RISC"],
  [172, "EM_CRAYNV2", "Cray NV2 vector architecture"],
  [173, "EM_RX", "Renesas RX family"],
  [174, "EM_METAG", "META"],
  [175, "EM_MCST_ELBRUS", "MCST Elbrus"],
  [176, "EM_ECOG16", "Cyan Technology eCOG16 family"],
  [177, "EM_CR16", "NatSemi CompactRISC"],
  [178, "EM_ETPU", "Freescale Extended Time Processing Unit"],
  [179, "EM_SLE9X", "Infineon SLE9X"],
  [180, "EM_L10M", "Intel L1OM"], // binutils: EM_L1OM
  [181, "EM_K10M", "Intel K1OM"], // binutils: EM_K1OM
  [182, "EM_INTEL182"], // [binutils] reserved by Intel
  [183, "EM_AARCH64", "ARM aarch64"],
  [184, "EM_ARM184"], // [binutils] reserved by ARM
  [185, "EM_AVR32", "Atmel 32-bit family"],
  [186, "EM_STM8", "STMicroeletronics STM8 8-bit"],
  [187, "EM_TILE64", "Tilera TILE64"],
  [188, "EM_TILEPRO", "Tilera TILEPro"],
  [189, "EM_MICROBLAZE", "Xilinx MicroBlaze 32-bit RISC"],
  [190, "EM_CUDA", "NVIDIA CUDA architecture"],
  [191, "EM_TILEGX", "Tilera TILE-Gx"],
  [192, "EM_CLOUDSHIELD", "CloudShield"],
  [193, "EM_COREA_1ST", "KIPO-KAIST Core-A 1st gen."],
  [194, "EM_COREA_2ND", "KIPO-KAIST Core-A 2nd gen."],
  [195, "EM_ARC_COMPACT2", "Synopsys ARCv2"], // glibc: EM_ARCV2
  [196, "EM_OPEN8", "Open8 RISC"],
  [197, "EM_RL78", "Renesas RL78 family"],
  [198, "EM_VIDEOCORE5", "Broadcom VideoCore V"],
  [199, "EM_78KOR", "Renesas 78K0R"], // binutils: EM_78K0R
  [200, "EM_56800EX", "Freescale 56800EX"],
  [201, "EM_BA1", "Beyond BA1"],
  [202, "EM_BA2", "Beyond BA2"],
  [203, "EM_XCORE", "XMOS xCORE"],
  [204, "EM_MCHP_PIC", "Microchip 8-bit PIC(r)"],
  [205, "EM_INTELGT", "Intel Graphics Technology"],
  [206, "EM_INTEL206"], // [binutils] reserved by Intel
  [207, "EM_INTEL207"],
  [208, "EM_INTEL208"],
  [209, "EM_INTEL209"],
  [210, "EM_KM32", "KM211 KM32"],
  [211, "EM_KMX32", "KM211 KMX32"],
  [212, "EM_KMX16", "KM211 KMX16"], // glibc: EM_EMX16 (typo)
  [213, "EM_KMX8", "KM211 KMX8"], // glibc: EM_EMX8 (typo)
  [214, "EM_KVARC", "KM211 KVARC"],
  [215, "EM_CDP", "Paneve CDP"],
  [216, "EM_COGE", "Cognitive Smart Memory"],
  [217, "EM_COOL", "iCelero CoolEngine"],
  [218, "EM_NORC", "Nanoradio Optimized RISC"],
  [219, "EM_CSR_KALIMBA", "CSR Kalimba"],
  [220, "EM_Z80", "Zilog Z80"],
  [221, "EM_VISIUM", "Controls and Data Services VISIUMcore"],
  [222, "EM_FT32", "FTDI Chip FT32"],
  [223, "EM_MOXIE", "Moxie"],
  [224, "EM_AMDGPU", "AMD GPU"],
  [243, "EM_RISCV", "UCB RISC-V"],
  [244, "EM_LANAI", "Lanai"],
  [245, "EM_CEVA", "CEVA Processor Architecture Family"],
  [246, "EM_CEVA_X2", "CEVA X2 Processor Family"],
  [247, "EM_BPF", "eBPF"],
  [248, "EM_GRAPHCORE_IPU", "Graphcore Intelligent Processing Unit"],
  [249, "EM_IMG1", "Imagination Technologies"],
  [250, "EM_NFP", "Netronome Flow Processor"],
  [251, "EM_VE", "NEC Vector Engine"],
  [252, "EM_CSKY", "C-SKY"],
  [253, "EM_ARC_COMPACT3_64", "Synopsys ARCv3 64-bit"],
  [254, "EM_MCS6502", "MOS Technology MCS 6502"],
  [255, "EM_ARC_COMPACT3", "Synopsys ARCv3 32-bit"],
  [256, "EM_KVX", "Kalray VLIW core of the MPPA processor family"],
  [257, "EM_65816", "WDC 65816/65C816"],
  [258, "EM_LOONGARCH", "LoongArch"],
  [259, "EM_KF32", "ChipON KungFu32"],
  // Later gABI registrations (binutils master, FreeBSD elf_common.h):
  [260, "EM_U16_U8CORE", "LAPIS nX-U16/U8"],
  [261, "EM_TACHYUM", "Tachyum"],
  [262, "EM_56800EF", "NXP 56800EF Digital Signal Controller (DSC)"],
  [263, "EM_SBF", "Solana Bytecode Format"],
  [264, "EM_AIENGINE", "AMD/Xilinx AIEngine architecture"],
  [265, "EM_SIMA_MLA", "SiMa MLA"],
  [266, "EM_BANG", "Cambricon BANG"],
  [267, "EM_LOONGGPU", "Loongson LoongGPU"],
  [268, "EM_SW64", "Wuxi Institute of Advanced Technology SW64"],
  [269, "EM_AIECTRLCODE", "AMD/Xilinx AIEngine ctrlcode"],
  // Unofficial values [binutils] (descriptions from [file]).
  [0x1057, "EM_AVR_OLD", "AVR (unofficial)"],
  [0x1059, "EM_MSP430_OLD", "MSP430 (unofficial)"],
  [0x1223, "EM_ADAPTEVA_EPIPHANY", "Adapteva Epiphany (unofficial)"],
  [0x2530, "EM_MT", "Morpho MT (unofficial)"],
  [0x3330, "EM_CYGNUS_FR30", "FR30 (unofficial)"],
  [0x4157, "EM_WEBASSEMBLY", "WebAssembly (unofficial)"],
  [0x4688, "EM_XC16X", "Infineon C166 (unofficial)"],
  [0x4def, "EM_S12Z", "Freescale S12Z (unofficial)"],
  [0x5441, "EM_CYGNUS_FRV", "Cygnus FRV (unofficial)"],
  [0x5aa5, "EM_DLX", "DLX (unofficial)"],
  [0x7650, "EM_CYGNUS_D10V", "Cygnus D10V (unofficial)"],
  [0x7676, "EM_CYGNUS_D30V", "Cygnus D30V (unofficial)"],
  [0x8217, "EM_IP2K_OLD", "Ubicom IP2xxx (unofficial)"],
  [0x9025, "EM_CYGNUS_POWERPC", "Cygnus PowerPC (unofficial)"],
  [0x9026, "EM_ALPHA", "Alpha (unofficial)"],
  [0x9041, "EM_CYGNUS_M32R", "Cygnus M32R (unofficial)"],
  [0x9080, "EM_CYGNUS_V850", "Cygnus V850 (unofficial)"],
  [0xa390, "EM_S390_OLD", "IBM S/390 (obsolete)"],
  [0xabc7, "EM_XTENSA_OLD", "Old Xtensa (unofficial)"],
  [0xad45, "EM_XSTORMY16", "xstormy16 (unofficial)"],
  [0xbaab, "EM_MICROBLAZE_OLD", "Old MicroBlaze (unofficial)"],
  [0xbeef, "EM_CYGNUS_MN10300", "Cygnus MN10300 (unofficial)"],
  [0xdead, "EM_CYGNUS_MN10200", "Cygnus MN10200 (unofficial)"],
  [0xf00d, "EM_CYGNUS_MEP", "Toshiba MeP (unofficial)"],
  [0xfeb0, "EM_M32C_OLD", "Renesas M32C (unofficial)"],
  [0xfeba, "EM_IQ2000", "Vitesse IQ2000 (unofficial)"],
  [0xfebb, "EM_NIOS32", "NIOS (unofficial)"],
  [0xfeed, "EM_MOXIE_OLD", "Moxie (unofficial)"],
];

const MACHINE_NAMES: ReadonlyMap<number, string> = new Map(MACHINES.map(([v, n]) => [v, n]));
const MACHINE_DESCRIPTIONS: ReadonlyMap<number, string> = new Map(
  MACHINES.flatMap(([v, , d]) => (d === undefined ? [] : [[v, d] as const])),
);

/**
 * Names we prefer over glibc's elf.h spelling for the same value, with the
 * reason.  (Everything else matches elf.h or one of its aliases.)
 */
export const PREFERRED_NAME_NOTES: ReadonlyMap<string, string> = new Map([
  ["EM_ARC_COMPACT2", "gABI and binutils name for 195; glibc calls it EM_ARCV2"],
  ["EM_KMX16", "gABI and binutils name for 212; glibc's EM_EMX16 is a typo"],
  ["EM_KMX8", "gABI and binutils name for 213; glibc's EM_EMX8 is a typo"],
  ["NT_FPREGSET", "binutils/readelf name for core note 2; glibc also NT_PRFPREG"],
  ["NT_TASKSTRUCT", "binutils/readelf name for core note 4; glibc also NT_PRXREG"],
]);

/** e_machine -> "EM_X86_64" etc.; unknown -> `EM_<decimal>`. */
export function machineName(n: number): string {
  return MACHINE_NAMES.get(n) ?? `EM_${n}`;
}

/** e_machine -> a file(1)-style description ("x86-64", "ARM aarch64", ...); undefined if unknown. */
export function machineDescription(n: number): string | undefined {
  return MACHINE_DESCRIPTIONS.get(n);
}

/** All known e_machine values with names (for listing/tests). */
export const MACHINE_NAME_TABLE: ReadonlyMap<number, string> = MACHINE_NAMES;

const OSABI_BY_MACHINE = byMachine([
  [[EM_ARM], [[64, "ELFOSABI_ARM_AEABI"], [65, "ELFOSABI_ARM_FDPIC"]]],
  [[EM_TI_C6000], [[64, "ELFOSABI_C6000_ELFABI"], [65, "ELFOSABI_C6000_LINUX"]]],
  // [LLVM]
  [[EM_AMDGPU], [[64, "ELFOSABI_AMDGPU_HSA"], [65, "ELFOSABI_AMDGPU_PAL"], [66, "ELFOSABI_AMDGPU_MESA3D"]]],
  [[EM_CUDA], [[51, "ELFOSABI_CUDA"]]],
]);

/**
 * EI_OSABI -> ELFOSABI_*.  0 is "ELFOSABI_NONE" (glibc alias ELFOSABI_SYSV),
 * 3 is "ELFOSABI_GNU" (alias ELFOSABI_LINUX).  Values 64+ are
 * machine-specific and need `machine`; unknown -> `ELFOSABI_<decimal>`.
 */
export function osabiName(n: number, machine?: number): string {
  return lookup(n, OSABI_NAMES, OSABI_BY_MACHINE, machine) ?? `ELFOSABI_${n}`;
}

/* ------------------------------------------------------------------------ */
/* e_flags                                                                   */
/* ------------------------------------------------------------------------ */

// [glibc] / [binutils arm.h]
export const EF_ARM_EABIMASK = 0xff000000;
export const EF_ARM_EABI_UNKNOWN = 0x00000000;
export const EF_ARM_EABI_VER1 = 0x01000000;
export const EF_ARM_EABI_VER2 = 0x02000000;
export const EF_ARM_EABI_VER3 = 0x03000000;
export const EF_ARM_EABI_VER4 = 0x04000000;
export const EF_ARM_EABI_VER5 = 0x05000000;
export const EF_ARM_ABI_FLOAT_SOFT = 0x200;
export const EF_ARM_ABI_FLOAT_HARD = 0x400;
export const EF_ARM_BE8 = 0x00800000;

// [glibc] / [binutils mips.h]
export const EF_MIPS_NOREORDER = 0x00000001;
export const EF_MIPS_PIC = 0x00000002;
export const EF_MIPS_CPIC = 0x00000004;
export const EF_MIPS_ABI2 = 0x00000020; // n32
export const EF_MIPS_NAN2008 = 0x00000400;
export const EF_MIPS_ABI = 0x0000f000;
export const EF_MIPS_ABI_O32 = 0x00001000;
export const EF_MIPS_ABI_O64 = 0x00002000;
export const EF_MIPS_ABI_EABI32 = 0x00003000;
export const EF_MIPS_ABI_EABI64 = 0x00004000;
export const EF_MIPS_ARCH = 0xf0000000;
export const EF_MIPS_ARCH_1 = 0x00000000;
export const EF_MIPS_ARCH_2 = 0x10000000;
export const EF_MIPS_ARCH_3 = 0x20000000;
export const EF_MIPS_ARCH_4 = 0x30000000;
export const EF_MIPS_ARCH_5 = 0x40000000;
export const EF_MIPS_ARCH_32 = 0x50000000;
export const EF_MIPS_ARCH_64 = 0x60000000;
export const EF_MIPS_ARCH_32R2 = 0x70000000;
export const EF_MIPS_ARCH_64R2 = 0x80000000;
export const EF_MIPS_ARCH_32R6 = 0x90000000;
export const EF_MIPS_ARCH_64R6 = 0xa0000000;

// [glibc] / RISC-V psABI
export const EF_RISCV_RVC = 0x0001;
export const EF_RISCV_FLOAT_ABI = 0x0006;
export const EF_RISCV_FLOAT_ABI_SOFT = 0x0000;
export const EF_RISCV_FLOAT_ABI_SINGLE = 0x0002;
export const EF_RISCV_FLOAT_ABI_DOUBLE = 0x0004;
export const EF_RISCV_FLOAT_ABI_QUAD = 0x0006;
export const EF_RISCV_RVE = 0x0008;
export const EF_RISCV_TSO = 0x0010;

// LoongArch psABI / [binutils loongarch.h]
export const EF_LOONGARCH_ABI_MODIFIER_MASK = 0x07;
export const EF_LOONGARCH_ABI_SOFT_FLOAT = 0x01;
export const EF_LOONGARCH_ABI_SINGLE_FLOAT = 0x02;
export const EF_LOONGARCH_ABI_DOUBLE_FLOAT = 0x03;

/* ------------------------------------------------------------------------ */
/* Program headers                                                           */
/* ------------------------------------------------------------------------ */

/** [gABI] e_phnum escape: real count is in section 0's sh_info. */
export const PN_XNUM = 0xffff;

// [gABI], [glibc], [binutils]
export const PT_NULL = 0;
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
export const PT_NOTE = 4;
export const PT_SHLIB = 5;
export const PT_PHDR = 6;
export const PT_TLS = 7;
export const PT_LOOS = 0x60000000;
export const PT_HIOS = 0x6fffffff;
export const PT_LOPROC = 0x70000000;
export const PT_HIPROC = 0x7fffffff;
export const PT_GNU_EH_FRAME = 0x6474e550;
export const PT_GNU_STACK = 0x6474e551;
export const PT_GNU_RELRO = 0x6474e552;
export const PT_GNU_PROPERTY = 0x6474e553;
export const PT_GNU_SFRAME = 0x6474e554;
export const PT_GNU_MBIND_LO = 0x6474e555;
export const PT_GNU_MBIND_HI = 0x6474f554;
export const PT_ARM_EXIDX = 0x70000001;
export const PT_MIPS_ABIFLAGS = 0x70000003;
export const PT_AARCH64_MEMTAG_MTE = 0x70000002;
export const PT_RISCV_ATTRIBUTES = 0x70000003;

export const PF_X = 0x1;
export const PF_W = 0x2;
export const PF_R = 0x4;
export const PF_MASKOS = 0x0ff00000;
export const PF_MASKPROC = 0xf0000000;

const SEGMENT_NAMES = table([
  [0, "PT_NULL"],
  [1, "PT_LOAD"],
  [2, "PT_DYNAMIC"],
  [3, "PT_INTERP"],
  [4, "PT_NOTE"],
  [5, "PT_SHLIB"],
  [6, "PT_PHDR"],
  [7, "PT_TLS"],
  [0x6464e550, "PT_SUNW_UNWIND"], // [LLVM]
  [0x6474e550, "PT_GNU_EH_FRAME"], // alias PT_SUNW_EH_FRAME
  [0x6474e551, "PT_GNU_STACK"],
  [0x6474e552, "PT_GNU_RELRO"],
  [0x6474e553, "PT_GNU_PROPERTY"],
  [0x6474e554, "PT_GNU_SFRAME"], // [binutils] 2.40+
  [0x65041580, "PT_PAX_FLAGS"], // PaX
  [0x65a3dbe5, "PT_OPENBSD_MUTABLE"], // [LLVM], OpenBSD exec_elf.h
  [0x65a3dbe6, "PT_OPENBSD_RANDOMIZE"],
  [0x65a3dbe7, "PT_OPENBSD_WXNEEDED"],
  [0x65a3dbe8, "PT_OPENBSD_NOBTCFI"],
  [0x65a3dbe9, "PT_OPENBSD_SYSCALLS"],
  [0x65a41be6, "PT_OPENBSD_BOOTDATA"],
  [0x6ffffffa, "PT_SUNWBSS"], // = PT_LOSUNW [glibc]
  [0x6ffffffb, "PT_SUNWSTACK"],
  [0x6ffffffc, "PT_SUNWDTRACE"], // Solaris
  [0x6ffffffd, "PT_SUNWCAP"], // Solaris
]);

// HP-UX OS-range segment types [glibc] (PT_HP_* are PT_LOOS + n).
const PT_HP: readonly Entry[] = [
  [0x60000000, "PT_HP_TLS"],
  [0x60000001, "PT_HP_CORE_NONE"],
  [0x60000002, "PT_HP_CORE_VERSION"],
  [0x60000003, "PT_HP_CORE_KERNEL"],
  [0x60000004, "PT_HP_CORE_COMM"],
  [0x60000005, "PT_HP_CORE_PROC"],
  [0x60000006, "PT_HP_CORE_LOADABLE"],
  [0x60000007, "PT_HP_CORE_STACK"],
  [0x60000008, "PT_HP_CORE_SHM"],
  [0x60000009, "PT_HP_CORE_MMF"],
  [0x60000010, "PT_HP_PARALLEL"],
  [0x60000011, "PT_HP_FASTBIND"],
  [0x60000012, "PT_HP_OPT_ANNOT"],
  [0x60000013, "PT_HP_HSL_ANNOT"],
  [0x60000014, "PT_HP_STACK"],
];

const SEGMENT_BY_MACHINE = byMachine([
  // [binutils arm.h], [glibc]
  [[EM_ARM], [[0x70000000, "PT_ARM_ARCHEXT"], [0x70000001, "PT_ARM_EXIDX"]]],
  // [binutils aarch64.h], [glibc]
  [[EM_AARCH64], [[0x70000000, "PT_AARCH64_ARCHEXT"], [0x70000002, "PT_AARCH64_MEMTAG_MTE"]]],
  // [glibc], [binutils mips.h]
  [
    [EM_MIPS, EM_MIPS_RS3_LE],
    [
      [0x70000000, "PT_MIPS_REGINFO"],
      [0x70000001, "PT_MIPS_RTPROC"],
      [0x70000002, "PT_MIPS_OPTIONS"],
      [0x70000003, "PT_MIPS_ABIFLAGS"],
    ],
  ],
  [[EM_RISCV], [[0x70000003, "PT_RISCV_ATTRIBUTES"]]],
  [[EM_S390, EM_S390_OLD], [[0x70000000, "PT_S390_PGSTE"]]], // [binutils s390.h]
  [[EM_PARISC], [...PT_HP, [0x70000000, "PT_PARISC_ARCHEXT"], [0x70000001, "PT_PARISC_UNWIND"]]],
  [
    [EM_IA_64],
    [
      [0x60000012, "PT_IA_64_HP_OPT_ANOT"],
      [0x60000013, "PT_IA_64_HP_HSL_ANOT"],
      [0x60000014, "PT_IA_64_HP_STACK"],
      [0x70000000, "PT_IA_64_ARCHEXT"],
      [0x70000001, "PT_IA_64_UNWIND"],
    ],
  ],
]);

/**
 * p_type -> PT_*.  Processor-specific values (PT_ARM_EXIDX, PT_MIPS_*, ...)
 * need `machine`.  PT_GNU_MBIND range -> `PT_GNU_MBIND_LO+0x<hex>`.
 * Unknown -> `PT_0x<hex>` (lowercase).
 */
export function segmentTypeName(n: number, machine?: number): string {
  const name = lookup(n, SEGMENT_NAMES, SEGMENT_BY_MACHINE, machine);
  if (name !== undefined) return name;
  const i = toIndex(n);
  if (i !== undefined && i >= PT_GNU_MBIND_LO && i <= PT_GNU_MBIND_HI) {
    return i === PT_GNU_MBIND_LO ? "PT_GNU_MBIND_LO" : `PT_GNU_MBIND_LO+${hex(i - PT_GNU_MBIND_LO)}`;
  }
  return `PT_${hex(n)}`;
}

/** One table object, so the memo and the BigInt masks are built once (a literal per call missed both). */
const SEGMENT_FLAGS: readonly Entry[] = [[PF_R, "PF_R"], [PF_W, "PF_W"], [PF_X, "PF_X"]];

/** p_flags -> ["PF_R","PF_W","PF_X"] (that order, for set bits), then unknown bits as `PF_0x<hex>`. */
export function segmentFlagNames(flags: number | bigint): string[] {
  return bitNames(flags, SEGMENT_FLAGS, "PF_");
}

/* ------------------------------------------------------------------------ */
/* Sections                                                                  */
/* ------------------------------------------------------------------------ */

// [gABI]
export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_LOPROC = 0xff00;
export const SHN_HIPROC = 0xff1f;
export const SHN_LOOS = 0xff20;
export const SHN_HIOS = 0xff3f;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;
export const SHN_HIRESERVE = 0xffff;

const SHN_NAMES = table([
  [SHN_UNDEF, "SHN_UNDEF"],
  [SHN_ABS, "SHN_ABS"],
  [SHN_COMMON, "SHN_COMMON"],
  [SHN_XINDEX, "SHN_XINDEX"],
]);

/** Special section index -> SHN_UNDEF/ABS/COMMON/XINDEX; undefined for ordinary indexes. */
export function specialSectionIndexName(n: number): string | undefined {
  return SHN_NAMES.get(n);
}

// [gABI], [glibc], [binutils], [LLVM]
export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_HASH = 5;
export const SHT_DYNAMIC = 6;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_SHLIB = 10;
export const SHT_DYNSYM = 11;
export const SHT_INIT_ARRAY = 14;
export const SHT_FINI_ARRAY = 15;
export const SHT_PREINIT_ARRAY = 16;
export const SHT_GROUP = 17;
export const SHT_SYMTAB_SHNDX = 18;
export const SHT_RELR = 19;
export const SHT_LOOS = 0x60000000;
export const SHT_ANDROID_REL = 0x60000001;
export const SHT_ANDROID_RELA = 0x60000002;
export const SHT_GNU_INCREMENTAL_INPUTS = 0x6fff4700;
export const SHT_LLVM_ADDRSIG = 0x6fff4c03;
export const SHT_ANDROID_RELR = 0x6fffff00;
export const SHT_GNU_SFRAME = 0x6ffffff4;
export const SHT_GNU_ATTRIBUTES = 0x6ffffff5;
export const SHT_GNU_HASH = 0x6ffffff6;
export const SHT_GNU_LIBLIST = 0x6ffffff7;
export const SHT_CHECKSUM = 0x6ffffff8;
export const SHT_SUNW_move = 0x6ffffffa;
export const SHT_SUNW_COMDAT = 0x6ffffffb;
export const SHT_SUNW_syminfo = 0x6ffffffc;
export const SHT_GNU_verdef = 0x6ffffffd;
export const SHT_GNU_verneed = 0x6ffffffe;
export const SHT_GNU_versym = 0x6fffffff;
export const SHT_HIOS = 0x6fffffff;
export const SHT_LOPROC = 0x70000000;
export const SHT_HIPROC = 0x7fffffff;
export const SHT_LOUSER = 0x80000000;
export const SHT_HIUSER = 0xffffffff;
export const SHT_ARM_EXIDX = 0x70000001;
export const SHT_ARM_ATTRIBUTES = 0x70000003;
export const SHT_AARCH64_ATTRIBUTES = 0x70000003;
export const SHT_X86_64_UNWIND = 0x70000001;
export const SHT_MIPS_ABIFLAGS = 0x7000002a;
export const SHT_RISCV_ATTRIBUTES = 0x70000003;

const SECTION_NAMES = table([
  [0, "SHT_NULL"],
  [1, "SHT_PROGBITS"],
  [2, "SHT_SYMTAB"],
  [3, "SHT_STRTAB"],
  [4, "SHT_RELA"],
  [5, "SHT_HASH"],
  [6, "SHT_DYNAMIC"],
  [7, "SHT_NOTE"],
  [8, "SHT_NOBITS"],
  [9, "SHT_REL"],
  [10, "SHT_SHLIB"],
  [11, "SHT_DYNSYM"],
  [14, "SHT_INIT_ARRAY"],
  [15, "SHT_FINI_ARRAY"],
  [16, "SHT_PREINIT_ARRAY"],
  [17, "SHT_GROUP"],
  [18, "SHT_SYMTAB_SHNDX"],
  [19, "SHT_RELR"],
  [0x40000014, "SHT_CREL"], // [LLVM] experimental
  [0x60000001, "SHT_ANDROID_REL"], // [LLVM]
  [0x60000002, "SHT_ANDROID_RELA"],
  [0x6fff4700, "SHT_GNU_INCREMENTAL_INPUTS"], // [binutils]
  [0x6fff4c00, "SHT_LLVM_ODRTAB"], // [LLVM]
  [0x6fff4c01, "SHT_LLVM_LINKER_OPTIONS"],
  [0x6fff4c03, "SHT_LLVM_ADDRSIG"],
  [0x6fff4c04, "SHT_LLVM_DEPENDENT_LIBRARIES"],
  [0x6fff4c05, "SHT_LLVM_SYMPART"],
  [0x6fff4c06, "SHT_LLVM_PART_EHDR"],
  [0x6fff4c07, "SHT_LLVM_PART_PHDR"],
  [0x6fff4c08, "SHT_LLVM_BB_ADDR_MAP_V0"],
  [0x6fff4c09, "SHT_LLVM_CALL_GRAPH_PROFILE"],
  [0x6fff4c0a, "SHT_LLVM_BB_ADDR_MAP"],
  [0x6fff4c0b, "SHT_LLVM_OFFLOADING"],
  [0x6fff4c0c, "SHT_LLVM_LTO"],
  [0x6fff4c0d, "SHT_LLVM_JT_SIZES"],
  [0x6fffff00, "SHT_ANDROID_RELR"],
  [0x6ffffff4, "SHT_GNU_SFRAME"], // [binutils]
  [0x6ffffff5, "SHT_GNU_ATTRIBUTES"],
  [0x6ffffff6, "SHT_GNU_HASH"],
  [0x6ffffff7, "SHT_GNU_LIBLIST"],
  [0x6ffffff8, "SHT_CHECKSUM"], // [glibc] (Solaris)
  [0x6ffffffa, "SHT_SUNW_move"], // = SHT_LOSUNW
  [0x6ffffffb, "SHT_SUNW_COMDAT"],
  [0x6ffffffc, "SHT_SUNW_syminfo"],
  [0x6ffffffd, "SHT_GNU_verdef"], // alias SHT_SUNW_verdef
  [0x6ffffffe, "SHT_GNU_verneed"], // alias SHT_SUNW_verneed
  [0x6fffffff, "SHT_GNU_versym"], // alias SHT_SUNW_versym
]);

const SECTION_BY_MACHINE = byMachine([
  // [binutils arm.h], [glibc]
  [
    [EM_ARM],
    [
      [0x70000001, "SHT_ARM_EXIDX"],
      [0x70000002, "SHT_ARM_PREEMPTMAP"],
      [0x70000003, "SHT_ARM_ATTRIBUTES"],
      [0x70000004, "SHT_ARM_DEBUGOVERLAY"],
      [0x70000005, "SHT_ARM_OVERLAYSECTION"],
    ],
  ],
  // [LLVM], AArch64 ELF ABI
  [
    [EM_AARCH64],
    [
      [0x70000003, "SHT_AARCH64_ATTRIBUTES"],
      [0x70000004, "SHT_AARCH64_AUTH_RELR"],
      [0x70000007, "SHT_AARCH64_MEMTAG_GLOBALS_STATIC"],
      [0x70000008, "SHT_AARCH64_MEMTAG_GLOBALS_DYNAMIC"],
    ],
  ],
  [[EM_X86_64], [[0x70000001, "SHT_X86_64_UNWIND"]]], // [glibc], x86-64 psABI
  [[EM_RISCV], [[0x70000003, "SHT_RISCV_ATTRIBUTES"]]],
  [[EM_CSKY], [[0x70000001, "SHT_CSKY_ATTRIBUTES"]]],
  [[EM_ARC_COMPACT, EM_ARC_COMPACT2], [[0x70000001, "SHT_ARC_ATTRIBUTES"]]],
  [
    [EM_MSP430],
    [
      [0x70000003, "SHT_MSP430_ATTRIBUTES"],
      [0x70000005, "SHT_MSP430_SEC_FLAGS"],
      [0x70000006, "SHT_MSP430_SYM_ALIASES"],
    ],
  ],
  [
    [EM_TI_C6000],
    [
      [0x70000001, "SHT_C6000_UNWIND"],
      [0x70000002, "SHT_C6000_PREEMPTMAP"],
      [0x70000003, "SHT_C6000_ATTRIBUTES"],
    ],
  ],
  [[EM_QDSP6], [[0x70000000, "SHT_HEX_ORDERED"]]], // [LLVM]
  [[EM_IA_64], [[0x70000000, "SHT_IA_64_EXT"], [0x70000001, "SHT_IA_64_UNWIND"]]],
  [
    [EM_PARISC],
    [
      [0x70000000, "SHT_PARISC_EXT"],
      [0x70000001, "SHT_PARISC_UNWIND"],
      [0x70000002, "SHT_PARISC_DOC"],
      [0x70000003, "SHT_PARISC_ANNOT"],
      [0x70000004, "SHT_PARISC_DLKM"],
      [0x70000008, "SHT_PARISC_SYMEXTN"],
      [0x70000009, "SHT_PARISC_STUBS"],
    ],
  ],
  [[EM_ALPHA, 41], [[0x70000001, "SHT_ALPHA_DEBUG"], [0x70000002, "SHT_ALPHA_REGINFO"]]],
  // [glibc], [binutils mips.h]
  [
    [EM_MIPS, EM_MIPS_RS3_LE],
    [
      [0x70000000, "SHT_MIPS_LIBLIST"],
      [0x70000001, "SHT_MIPS_MSYM"],
      [0x70000002, "SHT_MIPS_CONFLICT"],
      [0x70000003, "SHT_MIPS_GPTAB"],
      [0x70000004, "SHT_MIPS_UCODE"],
      [0x70000005, "SHT_MIPS_DEBUG"],
      [0x70000006, "SHT_MIPS_REGINFO"],
      [0x70000007, "SHT_MIPS_PACKAGE"],
      [0x70000008, "SHT_MIPS_PACKSYM"],
      [0x70000009, "SHT_MIPS_RELD"],
      [0x7000000b, "SHT_MIPS_IFACE"],
      [0x7000000c, "SHT_MIPS_CONTENT"],
      [0x7000000d, "SHT_MIPS_OPTIONS"],
      [0x70000010, "SHT_MIPS_SHDR"],
      [0x70000011, "SHT_MIPS_FDESC"],
      [0x70000012, "SHT_MIPS_EXTSYM"],
      [0x70000013, "SHT_MIPS_DENSE"],
      [0x70000014, "SHT_MIPS_PDESC"],
      [0x70000015, "SHT_MIPS_LOCSYM"],
      [0x70000016, "SHT_MIPS_AUXSYM"],
      [0x70000017, "SHT_MIPS_OPTSYM"],
      [0x70000018, "SHT_MIPS_LOCSTR"],
      [0x70000019, "SHT_MIPS_LINE"],
      [0x7000001a, "SHT_MIPS_RFDESC"],
      [0x7000001b, "SHT_MIPS_DELTASYM"],
      [0x7000001c, "SHT_MIPS_DELTAINST"],
      [0x7000001d, "SHT_MIPS_DELTACLASS"],
      [0x7000001e, "SHT_MIPS_DWARF"],
      [0x7000001f, "SHT_MIPS_DELTADECL"],
      [0x70000020, "SHT_MIPS_SYMBOL_LIB"],
      [0x70000021, "SHT_MIPS_EVENTS"],
      [0x70000022, "SHT_MIPS_TRANSLATE"],
      [0x70000023, "SHT_MIPS_PIXIE"],
      [0x70000024, "SHT_MIPS_XLATE"],
      [0x70000025, "SHT_MIPS_XLATE_DEBUG"],
      [0x70000026, "SHT_MIPS_WHIRL"],
      [0x70000027, "SHT_MIPS_EH_REGION"],
      [0x70000028, "SHT_MIPS_XLATE_OLD"],
      [0x70000029, "SHT_MIPS_PDR_EXCEPTION"],
      [0x7000002a, "SHT_MIPS_ABIFLAGS"],
      [0x7000002b, "SHT_MIPS_XHASH"],
    ],
  ],
]);

/**
 * sh_type -> SHT_*.  Processor-specific values need `machine`.
 * Unknown -> `SHT_0x<hex>` (lowercase).
 */
export function sectionTypeName(n: number, machine?: number): string {
  return lookup(n, SECTION_NAMES, SECTION_BY_MACHINE, machine) ?? `SHT_${hex(n)}`;
}

// sh_flags [gABI], [glibc], [binutils]
export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_MERGE = 0x10;
export const SHF_STRINGS = 0x20;
export const SHF_INFO_LINK = 0x40;
export const SHF_LINK_ORDER = 0x80;
export const SHF_OS_NONCONFORMING = 0x100;
export const SHF_GROUP = 0x200;
export const SHF_TLS = 0x400;
export const SHF_COMPRESSED = 0x800;
export const SHF_MASKOS = 0x0ff00000;
export const SHF_GNU_RETAIN = 0x200000;
export const SHF_GNU_MBIND = 0x01000000;
export const SHF_MASKPROC = 0xf0000000;
export const SHF_ORDERED = 0x40000000;
export const SHF_EXCLUDE = 0x80000000;
export const SHF_X86_64_LARGE = 0x10000000;
export const SHF_ARM_PURECODE = 0x20000000;

// Chdr ch_type [gABI]
export const ELFCOMPRESS_ZLIB = 1;
export const ELFCOMPRESS_ZSTD = 2;

const SECTION_FLAGS: readonly Entry[] = [
  [SHF_WRITE, "SHF_WRITE"],
  [SHF_ALLOC, "SHF_ALLOC"],
  [SHF_EXECINSTR, "SHF_EXECINSTR"],
  [SHF_MERGE, "SHF_MERGE"],
  [SHF_STRINGS, "SHF_STRINGS"],
  [SHF_INFO_LINK, "SHF_INFO_LINK"],
  [SHF_LINK_ORDER, "SHF_LINK_ORDER"],
  [SHF_OS_NONCONFORMING, "SHF_OS_NONCONFORMING"],
  [SHF_GROUP, "SHF_GROUP"],
  [SHF_TLS, "SHF_TLS"],
  [SHF_COMPRESSED, "SHF_COMPRESSED"],
  [SHF_GNU_RETAIN, "SHF_GNU_RETAIN"],
  [SHF_GNU_MBIND, "SHF_GNU_MBIND"],
  [SHF_ORDERED, "SHF_ORDERED"], // [glibc] (Solaris); processor flags below override
  [SHF_EXCLUDE, "SHF_EXCLUDE"], // [binutils] treats this as generic
];

const SECTION_FLAGS_BY_MACHINE: ReadonlyMap<number, readonly Entry[]> = new Map<number, readonly Entry[]>([
  [EM_X86_64, [[SHF_X86_64_LARGE, "SHF_X86_64_LARGE"]]],
  [EM_ARM, [[0x10000000, "SHF_ARM_ENTRYSECT"], [SHF_ARM_PURECODE, "SHF_ARM_PURECODE"]]],
  [EM_AARCH64, [[0x20000000, "SHF_AARCH64_PURECODE"]]],
  [
    EM_MIPS,
    [
      [0x01000000, "SHF_MIPS_NODUPE"],
      [0x02000000, "SHF_MIPS_NAMES"],
      [0x04000000, "SHF_MIPS_LOCAL"],
      [0x08000000, "SHF_MIPS_NOSTRIP"],
      [0x10000000, "SHF_MIPS_GPREL"],
      [0x20000000, "SHF_MIPS_MERGE"],
      [0x40000000, "SHF_MIPS_ADDR"],
    ],
  ],
  [EM_IA_64, [[0x10000000, "SHF_IA_64_SHORT"], [0x20000000, "SHF_IA_64_NORECOV"]]],
  [EM_PARISC, [[0x20000000, "SHF_PARISC_SHORT"], [0x40000000, "SHF_PARISC_HUGE"]]],
  [EM_ALPHA, [[0x10000000, "SHF_ALPHA_GPREL"]]],
]);

/**
 * sh_flags -> SHF_* names for set bits (generic bits in ascending order, then
 * machine-specific bits), unknown bits as `SHF_0x<hex>`.
 */
export function sectionFlagNames(flags: bigint | number, machine?: number): string[] {
  const specific = machine === undefined ? undefined : SECTION_FLAGS_BY_MACHINE.get(machine);
  if (!specific) return bitNames(flags, SECTION_FLAGS, "SHF_");
  let merged = MERGED_SECTION_FLAGS.get(machine!);
  if (merged === undefined) {
    const overridden = new Set(specific.map(([b]) => b));
    merged = [...SECTION_FLAGS.filter(([b]) => !overridden.has(b)), ...specific];
    MERGED_SECTION_FLAGS.set(machine!, merged);
  }
  return bitNames(flags, merged, "SHF_");
}

/** The generic table with one machine's flags in place, built once per machine (per section was too often). */
const MERGED_SECTION_FLAGS = new Map<number, readonly Entry[]>();

// Section group flags [gABI]
export const GRP_COMDAT = 0x1;

/* ------------------------------------------------------------------------ */
/* Symbols                                                                   */
/* ------------------------------------------------------------------------ */

// [gABI], [glibc], [binutils]
export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;
export const STB_GNU_UNIQUE = 10;
export const STB_LOOS = 10;
export const STB_HIOS = 12;
export const STB_LOPROC = 13;
export const STB_HIPROC = 15;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;
export const STT_COMMON = 5;
export const STT_TLS = 6;
export const STT_RELC = 8;
export const STT_SRELC = 9;
export const STT_GNU_IFUNC = 10;
export const STT_LOOS = 10;
export const STT_HIOS = 12;
export const STT_LOPROC = 13;
export const STT_HIPROC = 15;

export const STV_DEFAULT = 0;
export const STV_INTERNAL = 1;
export const STV_HIDDEN = 2;
export const STV_PROTECTED = 3;

export const STN_UNDEF = 0;

const STT_NAMES = table([
  [0, "STT_NOTYPE"],
  [1, "STT_OBJECT"],
  [2, "STT_FUNC"],
  [3, "STT_SECTION"],
  [4, "STT_FILE"],
  [5, "STT_COMMON"],
  [6, "STT_TLS"],
  [8, "STT_RELC"], // [binutils]
  [9, "STT_SRELC"], // [binutils]
  [10, "STT_GNU_IFUNC"],
]);
const STT_BY_MACHINE = byMachine([
  [[EM_ARM], [[13, "STT_ARM_TFUNC"], [15, "STT_ARM_16BIT"]]],
  [[EM_SPARC, EM_SPARC32PLUS, EM_SPARCV9], [[13, "STT_SPARC_REGISTER"]]],
  [[EM_PARISC], [[11, "STT_HP_OPAQUE"], [12, "STT_HP_STUB"], [13, "STT_PARISC_MILLICODE"]]],
]);
const STB_NAMES = table([
  [0, "STB_LOCAL"],
  [1, "STB_GLOBAL"],
  [2, "STB_WEAK"],
  [10, "STB_GNU_UNIQUE"],
]);
const STB_BY_MACHINE = byMachine([[[EM_MIPS, EM_MIPS_RS3_LE], [[13, "STB_MIPS_SPLIT_COMMON"]]]]);
const STV_NAMES = table([
  [0, "STV_DEFAULT"],
  [1, "STV_INTERNAL"],
  [2, "STV_HIDDEN"],
  [3, "STV_PROTECTED"],
]);

/** ELF_ST_TYPE(st_info) -> STT_*; unknown -> `STT_<decimal>`. */
export function symbolTypeName(n: number, machine?: number): string {
  return lookup(n, STT_NAMES, STT_BY_MACHINE, machine) ?? `STT_${n}`;
}

/** ELF_ST_BIND(st_info) -> STB_*; unknown -> `STB_<decimal>`. */
export function symbolBindName(n: number, machine?: number): string {
  return lookup(n, STB_NAMES, STB_BY_MACHINE, machine) ?? `STB_${n}`;
}

/** ELF_ST_VISIBILITY(st_other) -> STV_*; unknown -> `STV_<decimal>`. */
export function symbolVisibilityName(n: number): string {
  return STV_NAMES.get(n & 0x3) ?? `STV_${n}`;
}

/* ------------------------------------------------------------------------ */
/* Symbol versioning                                                         */
/* ------------------------------------------------------------------------ */

// [glibc], [binutils]
export const VER_NDX_LOCAL = 0;
export const VER_NDX_GLOBAL = 1;
export const VER_FLG_BASE = 0x1;
export const VER_FLG_WEAK = 0x2;
export const VERSYM_HIDDEN = 0x8000;
export const VERSYM_VERSION = 0x7fff;

/* ------------------------------------------------------------------------ */
/* Dynamic section                                                           */
/* ------------------------------------------------------------------------ */

// [gABI], [glibc], [binutils]
export const DT_NULL = 0;
export const DT_NEEDED = 1;
export const DT_PLTRELSZ = 2;
export const DT_PLTGOT = 3;
export const DT_HASH = 4;
export const DT_STRTAB = 5;
export const DT_SYMTAB = 6;
export const DT_RELA = 7;
export const DT_RELASZ = 8;
export const DT_RELAENT = 9;
export const DT_STRSZ = 10;
export const DT_SYMENT = 11;
export const DT_INIT = 12;
export const DT_FINI = 13;
export const DT_SONAME = 14;
export const DT_RPATH = 15;
export const DT_SYMBOLIC = 16;
export const DT_REL = 17;
export const DT_RELSZ = 18;
export const DT_RELENT = 19;
export const DT_PLTREL = 20;
export const DT_DEBUG = 21;
export const DT_TEXTREL = 22;
export const DT_JMPREL = 23;
export const DT_BIND_NOW = 24;
export const DT_INIT_ARRAY = 25;
export const DT_FINI_ARRAY = 26;
export const DT_INIT_ARRAYSZ = 27;
export const DT_FINI_ARRAYSZ = 28;
export const DT_RUNPATH = 29;
export const DT_FLAGS = 30;
export const DT_ENCODING = 32;
export const DT_PREINIT_ARRAY = 32;
export const DT_PREINIT_ARRAYSZ = 33;
export const DT_SYMTAB_SHNDX = 34;
export const DT_RELRSZ = 35;
export const DT_RELR = 36;
export const DT_RELRENT = 37;
export const DT_LOOS = 0x6000000d;
export const DT_HIOS = 0x6ffff000;
export const DT_GNU_FLAGS_1 = 0x6ffffdf4;
export const DT_GNU_PRELINKED = 0x6ffffdf5;
export const DT_CHECKSUM = 0x6ffffdf8;
export const DT_POSFLAG_1 = 0x6ffffdfd;
export const DT_GNU_HASH = 0x6ffffef5;
export const DT_TLSDESC_PLT = 0x6ffffef6;
export const DT_TLSDESC_GOT = 0x6ffffef7;
export const DT_GNU_CONFLICT = 0x6ffffef8;
export const DT_GNU_LIBLIST = 0x6ffffef9;
export const DT_CONFIG = 0x6ffffefa;
export const DT_DEPAUDIT = 0x6ffffefb;
export const DT_AUDIT = 0x6ffffefc;
export const DT_PLTPAD = 0x6ffffefd;
export const DT_MOVETAB = 0x6ffffefe;
export const DT_SYMINFO = 0x6ffffeff;
export const DT_VERSYM = 0x6ffffff0;
export const DT_RELACOUNT = 0x6ffffff9;
export const DT_RELCOUNT = 0x6ffffffa;
export const DT_FLAGS_1 = 0x6ffffffb;
export const DT_VERDEF = 0x6ffffffc;
export const DT_VERDEFNUM = 0x6ffffffd;
export const DT_VERNEED = 0x6ffffffe;
export const DT_VERNEEDNUM = 0x6fffffff;
export const DT_LOPROC = 0x70000000;
export const DT_HIPROC = 0x7fffffff;
export const DT_AUXILIARY = 0x7ffffffd;
export const DT_USED = 0x7ffffffe;
export const DT_FILTER = 0x7fffffff;

const DYNAMIC_NAMES = table([
  [0, "DT_NULL"],
  [1, "DT_NEEDED"],
  [2, "DT_PLTRELSZ"],
  [3, "DT_PLTGOT"],
  [4, "DT_HASH"],
  [5, "DT_STRTAB"],
  [6, "DT_SYMTAB"],
  [7, "DT_RELA"],
  [8, "DT_RELASZ"],
  [9, "DT_RELAENT"],
  [10, "DT_STRSZ"],
  [11, "DT_SYMENT"],
  [12, "DT_INIT"],
  [13, "DT_FINI"],
  [14, "DT_SONAME"],
  [15, "DT_RPATH"],
  [16, "DT_SYMBOLIC"],
  [17, "DT_REL"],
  [18, "DT_RELSZ"],
  [19, "DT_RELENT"],
  [20, "DT_PLTREL"],
  [21, "DT_DEBUG"],
  [22, "DT_TEXTREL"],
  [23, "DT_JMPREL"],
  [24, "DT_BIND_NOW"],
  [25, "DT_INIT_ARRAY"],
  [26, "DT_FINI_ARRAY"],
  [27, "DT_INIT_ARRAYSZ"],
  [28, "DT_FINI_ARRAYSZ"],
  [29, "DT_RUNPATH"],
  [30, "DT_FLAGS"],
  [32, "DT_PREINIT_ARRAY"], // also DT_ENCODING (range marker)
  [33, "DT_PREINIT_ARRAYSZ"],
  [34, "DT_SYMTAB_SHNDX"],
  [35, "DT_RELRSZ"],
  [36, "DT_RELR"],
  [37, "DT_RELRENT"],
  [0x40000026, "DT_CREL"], // [LLVM] experimental
  [0x6000000f, "DT_ANDROID_REL"], // [LLVM]
  [0x60000010, "DT_ANDROID_RELSZ"],
  [0x60000011, "DT_ANDROID_RELA"],
  [0x60000012, "DT_ANDROID_RELASZ"],
  [0x6fffe000, "DT_ANDROID_RELR"],
  [0x6fffe001, "DT_ANDROID_RELRSZ"],
  [0x6fffe003, "DT_ANDROID_RELRENT"],
  // DT_VALRNGLO..DT_VALRNGHI (0x6ffffd00..0x6ffffdff)
  [0x6ffffdf4, "DT_GNU_FLAGS_1"], // [binutils]
  [0x6ffffdf5, "DT_GNU_PRELINKED"],
  [0x6ffffdf6, "DT_GNU_CONFLICTSZ"],
  [0x6ffffdf7, "DT_GNU_LIBLISTSZ"],
  [0x6ffffdf8, "DT_CHECKSUM"],
  [0x6ffffdf9, "DT_PLTPADSZ"],
  [0x6ffffdfa, "DT_MOVEENT"],
  [0x6ffffdfb, "DT_MOVESZ"],
  [0x6ffffdfc, "DT_FEATURE_1"], // [glibc], Solaris; binutils: DT_FEATURE
  [0x6ffffdfd, "DT_POSFLAG_1"],
  [0x6ffffdfe, "DT_SYMINSZ"],
  [0x6ffffdff, "DT_SYMINENT"], // = DT_VALRNGHI
  // DT_ADDRRNGLO..DT_ADDRRNGHI (0x6ffffe00..0x6ffffeff)
  [0x6ffffef5, "DT_GNU_HASH"],
  [0x6ffffef6, "DT_TLSDESC_PLT"],
  [0x6ffffef7, "DT_TLSDESC_GOT"],
  [0x6ffffef8, "DT_GNU_CONFLICT"],
  [0x6ffffef9, "DT_GNU_LIBLIST"],
  [0x6ffffefa, "DT_CONFIG"],
  [0x6ffffefb, "DT_DEPAUDIT"],
  [0x6ffffefc, "DT_AUDIT"],
  [0x6ffffefd, "DT_PLTPAD"],
  [0x6ffffefe, "DT_MOVETAB"],
  [0x6ffffeff, "DT_SYMINFO"], // = DT_ADDRRNGHI
  [0x6ffffff0, "DT_VERSYM"],
  [0x6ffffff9, "DT_RELACOUNT"],
  [0x6ffffffa, "DT_RELCOUNT"],
  [0x6ffffffb, "DT_FLAGS_1"],
  [0x6ffffffc, "DT_VERDEF"],
  [0x6ffffffd, "DT_VERDEFNUM"],
  [0x6ffffffe, "DT_VERNEED"],
  [0x6fffffff, "DT_VERNEEDNUM"],
  // Sun extensions, supported everywhere by binutils/LLVM/glibc.
  [0x7ffffffd, "DT_AUXILIARY"],
  [0x7ffffffe, "DT_USED"],
  [0x7fffffff, "DT_FILTER"],
]);

const DYNAMIC_BY_MACHINE = byMachine([
  // [glibc], [LLVM DynamicTags.def]
  [
    [EM_MIPS, EM_MIPS_RS3_LE],
    [
      [0x70000001, "DT_MIPS_RLD_VERSION"],
      [0x70000002, "DT_MIPS_TIME_STAMP"],
      [0x70000003, "DT_MIPS_ICHECKSUM"],
      [0x70000004, "DT_MIPS_IVERSION"],
      [0x70000005, "DT_MIPS_FLAGS"],
      [0x70000006, "DT_MIPS_BASE_ADDRESS"],
      [0x70000007, "DT_MIPS_MSYM"],
      [0x70000008, "DT_MIPS_CONFLICT"],
      [0x70000009, "DT_MIPS_LIBLIST"],
      [0x7000000a, "DT_MIPS_LOCAL_GOTNO"],
      [0x7000000b, "DT_MIPS_CONFLICTNO"],
      [0x70000010, "DT_MIPS_LIBLISTNO"],
      [0x70000011, "DT_MIPS_SYMTABNO"],
      [0x70000012, "DT_MIPS_UNREFEXTNO"],
      [0x70000013, "DT_MIPS_GOTSYM"],
      [0x70000014, "DT_MIPS_HIPAGENO"],
      [0x70000016, "DT_MIPS_RLD_MAP"],
      [0x70000017, "DT_MIPS_DELTA_CLASS"],
      [0x70000018, "DT_MIPS_DELTA_CLASS_NO"],
      [0x70000019, "DT_MIPS_DELTA_INSTANCE"],
      [0x7000001a, "DT_MIPS_DELTA_INSTANCE_NO"],
      [0x7000001b, "DT_MIPS_DELTA_RELOC"],
      [0x7000001c, "DT_MIPS_DELTA_RELOC_NO"],
      [0x7000001d, "DT_MIPS_DELTA_SYM"],
      [0x7000001e, "DT_MIPS_DELTA_SYM_NO"],
      [0x70000020, "DT_MIPS_DELTA_CLASSSYM"],
      [0x70000021, "DT_MIPS_DELTA_CLASSSYM_NO"],
      [0x70000022, "DT_MIPS_CXX_FLAGS"],
      [0x70000023, "DT_MIPS_PIXIE_INIT"],
      [0x70000024, "DT_MIPS_SYMBOL_LIB"],
      [0x70000025, "DT_MIPS_LOCALPAGE_GOTIDX"],
      [0x70000026, "DT_MIPS_LOCAL_GOTIDX"],
      [0x70000027, "DT_MIPS_HIDDEN_GOTIDX"],
      [0x70000028, "DT_MIPS_PROTECTED_GOTIDX"],
      [0x70000029, "DT_MIPS_OPTIONS"],
      [0x7000002a, "DT_MIPS_INTERFACE"],
      [0x7000002b, "DT_MIPS_DYNSTR_ALIGN"],
      [0x7000002c, "DT_MIPS_INTERFACE_SIZE"],
      [0x7000002d, "DT_MIPS_RLD_TEXT_RESOLVE_ADDR"],
      [0x7000002e, "DT_MIPS_PERF_SUFFIX"],
      [0x7000002f, "DT_MIPS_COMPACT_SIZE"],
      [0x70000030, "DT_MIPS_GP_VALUE"],
      [0x70000031, "DT_MIPS_AUX_DYNAMIC"],
      [0x70000032, "DT_MIPS_PLTGOT"],
      [0x70000034, "DT_MIPS_RWPLT"],
      [0x70000035, "DT_MIPS_RLD_MAP_REL"],
      [0x70000036, "DT_MIPS_XHASH"],
    ],
  ],
  [[EM_SPARC, EM_SPARC32PLUS, EM_SPARCV9], [[0x70000001, "DT_SPARC_REGISTER"]]],
  [[EM_PPC], [[0x70000000, "DT_PPC_GOT"], [0x70000001, "DT_PPC_OPT"]]],
  [
    [EM_PPC64],
    [
      [0x70000000, "DT_PPC64_GLINK"],
      [0x70000001, "DT_PPC64_OPD"],
      [0x70000002, "DT_PPC64_OPDSZ"],
      [0x70000003, "DT_PPC64_OPT"],
    ],
  ],
  [
    [EM_AARCH64],
    [
      [0x70000001, "DT_AARCH64_BTI_PLT"],
      [0x70000003, "DT_AARCH64_PAC_PLT"],
      [0x70000005, "DT_AARCH64_VARIANT_PCS"],
      [0x70000009, "DT_AARCH64_MEMTAG_MODE"], // [LLVM]
      [0x7000000b, "DT_AARCH64_MEMTAG_HEAP"],
      [0x7000000c, "DT_AARCH64_MEMTAG_STACK"],
      [0x7000000d, "DT_AARCH64_MEMTAG_GLOBALS"],
      [0x7000000f, "DT_AARCH64_MEMTAG_GLOBALSSZ"],
      [0x70000011, "DT_AARCH64_AUTH_RELRSZ"],
      [0x70000012, "DT_AARCH64_AUTH_RELR"],
      [0x70000013, "DT_AARCH64_AUTH_RELRENT"],
    ],
  ],
  // [binutils x86-64.h]
  [
    [EM_X86_64],
    [
      [0x70000000, "DT_X86_64_PLT"],
      [0x70000001, "DT_X86_64_PLTSZ"],
      [0x70000003, "DT_X86_64_PLTENT"],
    ],
  ],
  [[EM_RISCV], [[0x70000001, "DT_RISCV_VARIANT_CC"]]],
  [[EM_ALPHA, 41], [[0x70000000, "DT_ALPHA_PLTRO"]]],
  [[EM_IA_64], [[0x70000000, "DT_IA_64_PLT_RESERVE"]]],
  [[EM_ALTERA_NIOS2], [[0x70000002, "DT_NIOS2_GP"]]],
  [
    [EM_QDSP6],
    [
      [0x70000000, "DT_HEXAGON_SYMSZ"],
      [0x70000001, "DT_HEXAGON_VER"],
      [0x70000002, "DT_HEXAGON_PLT"],
    ],
  ],
]);

/**
 * d_tag -> DT_*.  Processor-specific tags (DT_MIPS_*, DT_PPC64_*, ...) need
 * `machine`.  Unknown -> `DT_0x<hex>` (lowercase).
 */
export function dynamicTagName(n: number | bigint, machine?: number): string {
  return lookup(n, DYNAMIC_NAMES, DYNAMIC_BY_MACHINE, machine) ?? `DT_${hex(n)}`;
}

// DT_FLAGS values [gABI]
export const DF_ORIGIN = 0x1;
export const DF_SYMBOLIC = 0x2;
export const DF_TEXTREL = 0x4;
export const DF_BIND_NOW = 0x8;
export const DF_STATIC_TLS = 0x10;

// DT_FLAGS_1 values [glibc], [binutils] (Solaris origin)
export const DF_1_NOW = 0x00000001;
export const DF_1_GLOBAL = 0x00000002;
export const DF_1_GROUP = 0x00000004;
export const DF_1_NODELETE = 0x00000008;
export const DF_1_LOADFLTR = 0x00000010;
export const DF_1_INITFIRST = 0x00000020;
export const DF_1_NOOPEN = 0x00000040;
export const DF_1_ORIGIN = 0x00000080;
export const DF_1_DIRECT = 0x00000100;
export const DF_1_TRANS = 0x00000200;
export const DF_1_INTERPOSE = 0x00000400;
export const DF_1_NODEFLIB = 0x00000800;
export const DF_1_NODUMP = 0x00001000;
export const DF_1_CONFALT = 0x00002000;
export const DF_1_ENDFILTEE = 0x00004000;
export const DF_1_DISPRELDNE = 0x00008000;
export const DF_1_DISPRELPND = 0x00010000;
export const DF_1_NODIRECT = 0x00020000;
export const DF_1_IGNMULDEF = 0x00040000;
export const DF_1_NOKSYMS = 0x00080000;
export const DF_1_NOHDR = 0x00100000;
export const DF_1_EDITED = 0x00200000;
export const DF_1_NORELOC = 0x00400000;
export const DF_1_SYMINTPOSE = 0x00800000;
export const DF_1_GLOBAUDIT = 0x01000000;
export const DF_1_SINGLETON = 0x02000000;
export const DF_1_STUB = 0x04000000;
export const DF_1_PIE = 0x08000000;
export const DF_1_KMOD = 0x10000000;
export const DF_1_WEAKFILTER = 0x20000000;
export const DF_1_NOCOMMON = 0x40000000;

// DT_POSFLAG_1 / DT_FEATURE_1 / DT_GNU_FLAGS_1 values [glibc], [binutils]
export const DF_P1_LAZYLOAD = 0x1;
export const DF_P1_GROUPPERM = 0x2;
export const DTF_1_PARINIT = 0x1;
export const DTF_1_CONFEXP = 0x2;
export const DF_GNU_1_UNIQUE = 0x1;

const DF_BITS: readonly Entry[] = [
  [DF_ORIGIN, "DF_ORIGIN"],
  [DF_SYMBOLIC, "DF_SYMBOLIC"],
  [DF_TEXTREL, "DF_TEXTREL"],
  [DF_BIND_NOW, "DF_BIND_NOW"],
  [DF_STATIC_TLS, "DF_STATIC_TLS"],
];

const DF_1_BITS: readonly Entry[] = [
  [DF_1_NOW, "DF_1_NOW"],
  [DF_1_GLOBAL, "DF_1_GLOBAL"],
  [DF_1_GROUP, "DF_1_GROUP"],
  [DF_1_NODELETE, "DF_1_NODELETE"],
  [DF_1_LOADFLTR, "DF_1_LOADFLTR"],
  [DF_1_INITFIRST, "DF_1_INITFIRST"],
  [DF_1_NOOPEN, "DF_1_NOOPEN"],
  [DF_1_ORIGIN, "DF_1_ORIGIN"],
  [DF_1_DIRECT, "DF_1_DIRECT"],
  [DF_1_TRANS, "DF_1_TRANS"],
  [DF_1_INTERPOSE, "DF_1_INTERPOSE"],
  [DF_1_NODEFLIB, "DF_1_NODEFLIB"],
  [DF_1_NODUMP, "DF_1_NODUMP"],
  [DF_1_CONFALT, "DF_1_CONFALT"],
  [DF_1_ENDFILTEE, "DF_1_ENDFILTEE"],
  [DF_1_DISPRELDNE, "DF_1_DISPRELDNE"],
  [DF_1_DISPRELPND, "DF_1_DISPRELPND"],
  [DF_1_NODIRECT, "DF_1_NODIRECT"],
  [DF_1_IGNMULDEF, "DF_1_IGNMULDEF"],
  [DF_1_NOKSYMS, "DF_1_NOKSYMS"],
  [DF_1_NOHDR, "DF_1_NOHDR"],
  [DF_1_EDITED, "DF_1_EDITED"],
  [DF_1_NORELOC, "DF_1_NORELOC"],
  [DF_1_SYMINTPOSE, "DF_1_SYMINTPOSE"],
  [DF_1_GLOBAUDIT, "DF_1_GLOBAUDIT"],
  [DF_1_SINGLETON, "DF_1_SINGLETON"],
  [DF_1_STUB, "DF_1_STUB"],
  [DF_1_PIE, "DF_1_PIE"],
  [DF_1_KMOD, "DF_1_KMOD"],
  [DF_1_WEAKFILTER, "DF_1_WEAKFILTER"],
  [DF_1_NOCOMMON, "DF_1_NOCOMMON"],
];

/** DT_FLAGS value -> DF_* names for set bits; unknown bits as `DF_0x<hex>`. */
export function dynamicFlagNames(v: bigint | number): string[] {
  return bitNames(v, DF_BITS, "DF_");
}

/** DT_FLAGS_1 value -> DF_1_* names for set bits; unknown bits as `DF_1_0x<hex>`. */
export function dynamicFlags1Names(v: bigint | number): string[] {
  return bitNames(v, DF_1_BITS, "DF_1_");
}

/** All DF_1_* bits with names (for listing/tests). */
export const DF_1_NAME_TABLE: ReadonlyMap<number, string> = table(DF_1_BITS);

/* ------------------------------------------------------------------------ */
/* Notes                                                                     */
/* ------------------------------------------------------------------------ */

// Owner "GNU" [glibc], [binutils]
export const NT_GNU_ABI_TAG = 1;
export const NT_GNU_HWCAP = 2;
export const NT_GNU_BUILD_ID = 3;
export const NT_GNU_GOLD_VERSION = 4;
export const NT_GNU_PROPERTY_TYPE_0 = 5;
export const NT_GNU_BUILD_ATTRIBUTE_OPEN = 0x100;
export const NT_GNU_BUILD_ATTRIBUTE_FUNC = 0x101;
// Owner "Go" (cmd/link: ELF note ".note.go.buildid", type 4)
export const NT_GO_BUILDID = 4;
// Owner "FDO": https://systemd.io/ELF_PACKAGE_METADATA/ , https://systemd.io/ELF_DLOPEN_METADATA/
export const NT_FDO_PACKAGING_METADATA = 0xcafe1a7e;
export const NT_FDO_DLOPEN_METADATA = 0x407c0c0a;
// Object-file notes for other owners [binutils]
export const NT_VERSION = 1;
export const NT_ARCH = 2;
// Core-file notes (owner "CORE"/"LINUX") [glibc], [Linux]
export const NT_PRSTATUS = 1;
export const NT_FPREGSET = 2;
export const NT_PRPSINFO = 3;
export const NT_TASKSTRUCT = 4;
export const NT_AUXV = 6;
export const NT_SIGINFO = 0x53494749;
export const NT_FILE = 0x46494c45;
export const NT_PRXFPREG = 0x46e62b7f;
export const NT_X86_XSTATE = 0x202;

// NT_GNU_ABI_TAG OS values [glibc], [binutils]
export const GNU_ABI_TAG_LINUX = 0;
export const GNU_ABI_TAG_HURD = 1;
export const GNU_ABI_TAG_SOLARIS = 2;
export const GNU_ABI_TAG_FREEBSD = 3;
export const GNU_ABI_TAG_NETBSD = 4;
export const GNU_ABI_TAG_SYLLABLE = 5;
export const GNU_ABI_TAG_NACL = 6;

const NOTE_GNU = table([
  [1, "NT_GNU_ABI_TAG"],
  [2, "NT_GNU_HWCAP"],
  [3, "NT_GNU_BUILD_ID"],
  [4, "NT_GNU_GOLD_VERSION"],
  [5, "NT_GNU_PROPERTY_TYPE_0"],
  [0x100, "NT_GNU_BUILD_ATTRIBUTE_OPEN"],
  [0x101, "NT_GNU_BUILD_ATTRIBUTE_FUNC"],
]);

const NOTE_CORE = table([
  [1, "NT_PRSTATUS"],
  [2, "NT_FPREGSET"], // glibc also NT_PRFPREG
  [3, "NT_PRPSINFO"],
  [4, "NT_TASKSTRUCT"], // glibc also NT_PRXREG
  [5, "NT_PLATFORM"],
  [6, "NT_AUXV"],
  [7, "NT_GWINDOWS"],
  [8, "NT_ASRS"],
  [10, "NT_PSTATUS"],
  [13, "NT_PSINFO"],
  [14, "NT_PRCRED"],
  [15, "NT_UTSNAME"],
  [16, "NT_LWPSTATUS"],
  [17, "NT_LWPSINFO"],
  [20, "NT_PRFPXREG"],
  [0x100, "NT_PPC_VMX"],
  [0x101, "NT_PPC_SPE"],
  [0x102, "NT_PPC_VSX"],
  [0x103, "NT_PPC_TAR"],
  [0x104, "NT_PPC_PPR"],
  [0x105, "NT_PPC_DSCR"],
  [0x106, "NT_PPC_EBB"],
  [0x107, "NT_PPC_PMU"],
  [0x108, "NT_PPC_TM_CGPR"],
  [0x109, "NT_PPC_TM_CFPR"],
  [0x10a, "NT_PPC_TM_CVMX"],
  [0x10b, "NT_PPC_TM_CVSX"],
  [0x10c, "NT_PPC_TM_SPR"],
  [0x10d, "NT_PPC_TM_CTAR"],
  [0x10e, "NT_PPC_TM_CPPR"],
  [0x10f, "NT_PPC_TM_CDSCR"],
  [0x110, "NT_PPC_PKEY"],
  [0x111, "NT_PPC_DEXCR"],
  [0x112, "NT_PPC_HASHKEYR"],
  [0x200, "NT_386_TLS"],
  [0x201, "NT_386_IOPERM"],
  [0x202, "NT_X86_XSTATE"],
  [0x203, "NT_X86_CET"], // [binutils]
  [0x204, "NT_X86_SHSTK"], // [Linux]
  [0x205, "NT_X86_XSAVE_LAYOUT"],
  [0x300, "NT_S390_HIGH_GPRS"],
  [0x301, "NT_S390_TIMER"],
  [0x302, "NT_S390_TODCMP"],
  [0x303, "NT_S390_TODPREG"],
  [0x304, "NT_S390_CTRS"],
  [0x305, "NT_S390_PREFIX"],
  [0x306, "NT_S390_LAST_BREAK"],
  [0x307, "NT_S390_SYSTEM_CALL"],
  [0x308, "NT_S390_TDB"],
  [0x309, "NT_S390_VXRS_LOW"],
  [0x30a, "NT_S390_VXRS_HIGH"],
  [0x30b, "NT_S390_GS_CB"],
  [0x30c, "NT_S390_GS_BC"],
  [0x30d, "NT_S390_RI_CB"],
  [0x30e, "NT_S390_PV_CPU_DATA"],
  [0x400, "NT_ARM_VFP"],
  [0x401, "NT_ARM_TLS"],
  [0x402, "NT_ARM_HW_BREAK"],
  [0x403, "NT_ARM_HW_WATCH"],
  [0x404, "NT_ARM_SYSTEM_CALL"],
  [0x405, "NT_ARM_SVE"],
  [0x406, "NT_ARM_PAC_MASK"],
  [0x407, "NT_ARM_PACA_KEYS"],
  [0x408, "NT_ARM_PACG_KEYS"],
  [0x409, "NT_ARM_TAGGED_ADDR_CTRL"],
  [0x40a, "NT_ARM_PAC_ENABLED_KEYS"],
  [0x40b, "NT_ARM_SSVE"],
  [0x40c, "NT_ARM_ZA"],
  [0x40d, "NT_ARM_ZT"],
  [0x40e, "NT_ARM_FPMR"],
  [0x40f, "NT_ARM_POE"],
  [0x410, "NT_ARM_GCS"],
  [0x600, "NT_ARC_V2"],
  [0x700, "NT_VMCOREDD"],
  [0x800, "NT_MIPS_DSP"],
  [0x801, "NT_MIPS_FP_MODE"],
  [0x802, "NT_MIPS_MSA"],
  [0x900, "NT_RISCV_CSR"],
  [0x901, "NT_RISCV_VECTOR"],
  [0x902, "NT_RISCV_TAGGED_ADDR_CTRL"],
  [0xa00, "NT_LOONGARCH_CPUCFG"],
  [0xa01, "NT_LOONGARCH_CSR"],
  [0xa02, "NT_LOONGARCH_LSX"],
  [0xa03, "NT_LOONGARCH_LASX"],
  [0xa04, "NT_LOONGARCH_LBT"],
  [0xa05, "NT_LOONGARCH_HW_BREAK"],
  [0xa06, "NT_LOONGARCH_HW_WATCH"],
  [0x46494c45, "NT_FILE"],
  [0x46e62b7f, "NT_PRXFPREG"],
  [0x53494749, "NT_SIGINFO"],
  [0xff000000, "NT_GDB_TDESC"], // [binutils]
  [0xff000001, "NT_MEMTAG"],
]);

const NOTE_BY_OWNER: ReadonlyMap<string, ReadonlyMap<number, string>> = new Map([
  ["GNU", NOTE_GNU],
  ["Go", table([[4, "NT_GO_BUILDID"]])],
  ["FDO", table([[0xcafe1a7e, "NT_FDO_PACKAGING_METADATA"], [0x407c0c0a, "NT_FDO_DLOPEN_METADATA"]])],
  ["CORE", NOTE_CORE],
  ["LINUX", NOTE_CORE],
  // [binutils] common.h
  ["FreeBSD", table([[1, "NT_FREEBSD_ABI_TAG"], [2, "NT_FREEBSD_NOINIT_TAG"], [3, "NT_FREEBSD_ARCH_TAG"], [4, "NT_FREEBSD_FEATURE_CTL"]])],
  ["NetBSD", table([[1, "NT_NETBSD_IDENT"], [5, "NT_NETBSD_MARCH"]])],
  ["PaX", table([[3, "NT_NETBSD_PAX"]])],
  ["OpenBSD", table([[1, "NT_OPENBSD_IDENT"]])],
  ["stapsdt", table([[3, "NT_STAPSDT"]])],
  // Android bionic: ABI note ".note.android.ident"
  ["Android", table([[1, "NT_ANDROID_TYPE_IDENT"], [3, "NT_ANDROID_TYPE_MEMTAG"]])],
]);

const NOTE_OTHER = table([
  [1, "NT_VERSION"],
  [2, "NT_ARCH"],
]);

/**
 * Note type name; the owner (n_namesz string, without NUL) selects the
 * namespace: "GNU" -> NT_GNU_*, "Go" -> NT_GO_BUILDID, "FDO" -> NT_FDO_*,
 * "CORE"/"LINUX" -> core-file notes (NT_PRSTATUS, NT_AUXV, NT_FILE, ...),
 * a few BSD owners, and otherwise NT_VERSION/NT_ARCH (object files) --
 * except that in a core file (fileType === ET_CORE) unknown owners use the
 * core-file table.  Unknown -> `NT_0x<hex>`.
 */
export function noteTypeName(owner: string, type: number, fileType?: number): string {
  const t = toIndex(type);
  if (t !== undefined) {
    const ownerTable = NOTE_BY_OWNER.get(owner);
    const name = ownerTable
      ? ownerTable.get(t)
      : fileType === ET_CORE
        ? NOTE_CORE.get(t)
        : NOTE_OTHER.get(t);
    if (name !== undefined) return name;
  }
  return `NT_${hex(type)}`;
}

/* ------------------------------------------------------------------------ */
/* GNU properties (.note.gnu.property, NT_GNU_PROPERTY_TYPE_0)               */
/* ------------------------------------------------------------------------ */

// [glibc], [binutils], x86-64 psABI, AArch64 ELF ABI
export const GNU_PROPERTY_STACK_SIZE = 1;
export const GNU_PROPERTY_NO_COPY_ON_PROTECTED = 2;
export const GNU_PROPERTY_MEMORY_SEAL = 3; // [binutils] 2.44+
export const GNU_PROPERTY_UINT32_AND_LO = 0xb0000000;
export const GNU_PROPERTY_UINT32_AND_HI = 0xb0007fff;
export const GNU_PROPERTY_UINT32_OR_LO = 0xb0008000;
export const GNU_PROPERTY_UINT32_OR_HI = 0xb000ffff;
export const GNU_PROPERTY_1_NEEDED = 0xb0008000; // = GNU_PROPERTY_UINT32_OR_LO
export const GNU_PROPERTY_1_NEEDED_INDIRECT_EXTERN_ACCESS = 0x1;
export const GNU_PROPERTY_LOPROC = 0xc0000000;
export const GNU_PROPERTY_HIPROC = 0xdfffffff;
export const GNU_PROPERTY_LOUSER = 0xe0000000;
export const GNU_PROPERTY_HIUSER = 0xffffffff;

export const GNU_PROPERTY_X86_COMPAT_ISA_1_USED = 0xc0000000;
export const GNU_PROPERTY_X86_COMPAT_ISA_1_NEEDED = 0xc0000001;
export const GNU_PROPERTY_X86_UINT32_AND_LO = 0xc0000002;
export const GNU_PROPERTY_X86_UINT32_OR_LO = 0xc0008000;
export const GNU_PROPERTY_X86_UINT32_OR_AND_LO = 0xc0010000;
export const GNU_PROPERTY_X86_FEATURE_1_AND = 0xc0000002;
export const GNU_PROPERTY_X86_COMPAT_2_ISA_1_NEEDED = 0xc0008000;
export const GNU_PROPERTY_X86_FEATURE_2_NEEDED = 0xc0008001;
export const GNU_PROPERTY_X86_ISA_1_NEEDED = 0xc0008002;
export const GNU_PROPERTY_X86_COMPAT_2_ISA_1_USED = 0xc0010000;
export const GNU_PROPERTY_X86_FEATURE_2_USED = 0xc0010001;
export const GNU_PROPERTY_X86_ISA_1_USED = 0xc0010002;

export const GNU_PROPERTY_X86_ISA_1_BASELINE = 1 << 0;
export const GNU_PROPERTY_X86_ISA_1_V2 = 1 << 1;
export const GNU_PROPERTY_X86_ISA_1_V3 = 1 << 2;
export const GNU_PROPERTY_X86_ISA_1_V4 = 1 << 3;

export const GNU_PROPERTY_X86_FEATURE_1_IBT = 1 << 0;
export const GNU_PROPERTY_X86_FEATURE_1_SHSTK = 1 << 1;
export const GNU_PROPERTY_X86_FEATURE_1_LAM_U48 = 1 << 2;
export const GNU_PROPERTY_X86_FEATURE_1_LAM_U57 = 1 << 3;

export const GNU_PROPERTY_X86_FEATURE_2_X86 = 1 << 0;
export const GNU_PROPERTY_X86_FEATURE_2_X87 = 1 << 1;
export const GNU_PROPERTY_X86_FEATURE_2_MMX = 1 << 2;
export const GNU_PROPERTY_X86_FEATURE_2_XMM = 1 << 3;
export const GNU_PROPERTY_X86_FEATURE_2_YMM = 1 << 4;
export const GNU_PROPERTY_X86_FEATURE_2_ZMM = 1 << 5;
export const GNU_PROPERTY_X86_FEATURE_2_FXSR = 1 << 6;
export const GNU_PROPERTY_X86_FEATURE_2_XSAVE = 1 << 7;
export const GNU_PROPERTY_X86_FEATURE_2_XSAVEOPT = 1 << 8;
export const GNU_PROPERTY_X86_FEATURE_2_XSAVEC = 1 << 9;
export const GNU_PROPERTY_X86_FEATURE_2_TMM = 1 << 10;
export const GNU_PROPERTY_X86_FEATURE_2_MASK = 1 << 11;

export const GNU_PROPERTY_AARCH64_FEATURE_1_AND = 0xc0000000;
export const GNU_PROPERTY_AARCH64_FEATURE_PAUTH = 0xc0000001;
export const GNU_PROPERTY_AARCH64_FEATURE_1_BTI = 1 << 0;
export const GNU_PROPERTY_AARCH64_FEATURE_1_PAC = 1 << 1;
export const GNU_PROPERTY_AARCH64_FEATURE_1_GCS = 1 << 2;

export const GNU_PROPERTY_RISCV_FEATURE_1_AND = 0xc0000000;

const GNU_PROPERTY_NAMES = table([
  [1, "GNU_PROPERTY_STACK_SIZE"],
  [2, "GNU_PROPERTY_NO_COPY_ON_PROTECTED"],
  [3, "GNU_PROPERTY_MEMORY_SEAL"],
  [0xb0008000, "GNU_PROPERTY_1_NEEDED"],
]);

const X86_PROPERTIES: readonly Entry[] = [
  [0xc0000000, "GNU_PROPERTY_X86_COMPAT_ISA_1_USED"],
  [0xc0000001, "GNU_PROPERTY_X86_COMPAT_ISA_1_NEEDED"],
  [0xc0000002, "GNU_PROPERTY_X86_FEATURE_1_AND"],
  [0xc0008000, "GNU_PROPERTY_X86_COMPAT_2_ISA_1_NEEDED"],
  [0xc0008001, "GNU_PROPERTY_X86_FEATURE_2_NEEDED"],
  [0xc0008002, "GNU_PROPERTY_X86_ISA_1_NEEDED"],
  [0xc0010000, "GNU_PROPERTY_X86_COMPAT_2_ISA_1_USED"],
  [0xc0010001, "GNU_PROPERTY_X86_FEATURE_2_USED"],
  [0xc0010002, "GNU_PROPERTY_X86_ISA_1_USED"],
];

const GNU_PROPERTY_BY_MACHINE = byMachine([
  [[EM_386, EM_X86_64, EM_IAMCU], X86_PROPERTIES],
  [
    [EM_AARCH64],
    [
      [0xc0000000, "GNU_PROPERTY_AARCH64_FEATURE_1_AND"],
      [0xc0000001, "GNU_PROPERTY_AARCH64_FEATURE_PAUTH"],
    ],
  ],
  [[EM_RISCV], [[0xc0000000, "GNU_PROPERTY_RISCV_FEATURE_1_AND"]]],
]);

/** pr_type -> GNU_PROPERTY_*; processor-specific types need `machine`. Unknown -> `GNU_PROPERTY_0x<hex>`. */
export function gnuPropertyTypeName(n: number, machine?: number): string {
  return lookup(n, GNU_PROPERTY_NAMES, GNU_PROPERTY_BY_MACHINE, machine) ?? `GNU_PROPERTY_${hex(n)}`;
}

const X86_ISA_1_BITS: readonly Entry[] = [
  [GNU_PROPERTY_X86_ISA_1_BASELINE, "GNU_PROPERTY_X86_ISA_1_BASELINE"],
  [GNU_PROPERTY_X86_ISA_1_V2, "GNU_PROPERTY_X86_ISA_1_V2"],
  [GNU_PROPERTY_X86_ISA_1_V3, "GNU_PROPERTY_X86_ISA_1_V3"],
  [GNU_PROPERTY_X86_ISA_1_V4, "GNU_PROPERTY_X86_ISA_1_V4"],
];
const X86_FEATURE_1_BITS: readonly Entry[] = [
  [GNU_PROPERTY_X86_FEATURE_1_IBT, "GNU_PROPERTY_X86_FEATURE_1_IBT"],
  [GNU_PROPERTY_X86_FEATURE_1_SHSTK, "GNU_PROPERTY_X86_FEATURE_1_SHSTK"],
  [GNU_PROPERTY_X86_FEATURE_1_LAM_U48, "GNU_PROPERTY_X86_FEATURE_1_LAM_U48"],
  [GNU_PROPERTY_X86_FEATURE_1_LAM_U57, "GNU_PROPERTY_X86_FEATURE_1_LAM_U57"],
];
const X86_FEATURE_2_BITS: readonly Entry[] = [
  [GNU_PROPERTY_X86_FEATURE_2_X86, "GNU_PROPERTY_X86_FEATURE_2_X86"],
  [GNU_PROPERTY_X86_FEATURE_2_X87, "GNU_PROPERTY_X86_FEATURE_2_X87"],
  [GNU_PROPERTY_X86_FEATURE_2_MMX, "GNU_PROPERTY_X86_FEATURE_2_MMX"],
  [GNU_PROPERTY_X86_FEATURE_2_XMM, "GNU_PROPERTY_X86_FEATURE_2_XMM"],
  [GNU_PROPERTY_X86_FEATURE_2_YMM, "GNU_PROPERTY_X86_FEATURE_2_YMM"],
  [GNU_PROPERTY_X86_FEATURE_2_ZMM, "GNU_PROPERTY_X86_FEATURE_2_ZMM"],
  [GNU_PROPERTY_X86_FEATURE_2_FXSR, "GNU_PROPERTY_X86_FEATURE_2_FXSR"],
  [GNU_PROPERTY_X86_FEATURE_2_XSAVE, "GNU_PROPERTY_X86_FEATURE_2_XSAVE"],
  [GNU_PROPERTY_X86_FEATURE_2_XSAVEOPT, "GNU_PROPERTY_X86_FEATURE_2_XSAVEOPT"],
  [GNU_PROPERTY_X86_FEATURE_2_XSAVEC, "GNU_PROPERTY_X86_FEATURE_2_XSAVEC"],
  [GNU_PROPERTY_X86_FEATURE_2_TMM, "GNU_PROPERTY_X86_FEATURE_2_TMM"],
  [GNU_PROPERTY_X86_FEATURE_2_MASK, "GNU_PROPERTY_X86_FEATURE_2_MASK"],
];
const AARCH64_FEATURE_1_BITS: readonly Entry[] = [
  [GNU_PROPERTY_AARCH64_FEATURE_1_BTI, "GNU_PROPERTY_AARCH64_FEATURE_1_BTI"],
  [GNU_PROPERTY_AARCH64_FEATURE_1_PAC, "GNU_PROPERTY_AARCH64_FEATURE_1_PAC"],
  [GNU_PROPERTY_AARCH64_FEATURE_1_GCS, "GNU_PROPERTY_AARCH64_FEATURE_1_GCS"],
];

/** GNU_PROPERTY_X86_ISA_1_{NEEDED,USED} bitmask -> names; unknown bits `GNU_PROPERTY_X86_ISA_1_0x<hex>`. */
export function x86Isa1Names(bits: number): string[] {
  return bitNames(bits >>> 0, X86_ISA_1_BITS, "GNU_PROPERTY_X86_ISA_1_");
}

/** GNU_PROPERTY_X86_FEATURE_1_AND bitmask -> names. */
export function x86Feature1Names(bits: number): string[] {
  return bitNames(bits >>> 0, X86_FEATURE_1_BITS, "GNU_PROPERTY_X86_FEATURE_1_");
}

/** GNU_PROPERTY_X86_FEATURE_2_{NEEDED,USED} bitmask -> names. */
export function x86Feature2Names(bits: number): string[] {
  return bitNames(bits >>> 0, X86_FEATURE_2_BITS, "GNU_PROPERTY_X86_FEATURE_2_");
}

/** GNU_PROPERTY_AARCH64_FEATURE_1_AND bitmask -> names. */
export function aarch64Feature1Names(bits: number): string[] {
  return bitNames(bits >>> 0, AARCH64_FEATURE_1_BITS, "GNU_PROPERTY_AARCH64_FEATURE_1_");
}
