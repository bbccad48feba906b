import { ElfError, type Diagnostics } from "../errors.js";
import { ByteView, decodeUtf8, hex } from "../io/view.js";
import { limits } from "../limits.js";
import {
  GNU_PROPERTY_AARCH64_FEATURE_1_AND, GNU_PROPERTY_X86_FEATURE_1_AND, GNU_PROPERTY_X86_ISA_1_NEEDED,
  GNU_PROPERTY_X86_ISA_1_USED, NT_FDO_PACKAGING_METADATA, NT_GNU_ABI_TAG, NT_GNU_BUILD_ID,
  NT_GNU_PROPERTY_TYPE_0, NT_GO_BUILDID,
} from "./constants.js";

export interface Note {
  /** The note's name ("GNU", "Go", "FDO"), without the trailing NUL. */
  owner: string;
  type: number;
  /** Descriptor bytes (a view: do not modify). */
  desc: Uint8Array;
  /** File offset of the note header. */
  offset: number;
}

/** binutils treats alignments 0–4 as 4; only 4 and 8 are meaningful (gABI "Note Section"). */
export function noteAlignment(align: bigint, at: number, diag: Diagnostics): 4 | 8 {
  if (align === 8n) return 8;
  if (align > 4n || align === 3n) {
    diag.report(new ElfError("BAD_NOTE", "Invalid note alignment", at, align));
  }
  return 4;
}

/**
 * Iterates the notes in `v`, stopping at the first malformed header (as `object`'s note
 * iterator does): sizes are checked against the bytes left before anything is read.
 */
export function parseNotes(v: ByteView, align: 4 | 8, diag: Diagnostics, budget: { left: number }): Note[] {
  const out: Note[] = [];
  const pad = (n: number): number => (n + align - 1) & ~(align - 1);
  let o = 0;
  while (v.length - o >= 12) {
    if (budget.left <= 0) {
      diag.report(new ElfError("LIMIT_EXCEEDED", "Too many notes", v.base + o, limits.maxNotes));
      break;
    }
    const namesz = v.u32(o);
    const descsz = v.u32(o + 4);
    const type = v.u32(o + 8);
    const left = v.length - o - 12;
    // Compare before padding: namesz = 0xffffffff must not wrap into a small number. The
    // descriptor starts at the next `align` boundary after the name, counted from the note.
    const descAt = namesz > left ? 0 : pad(12 + namesz) - 12;
    if (namesz > left || descAt > left || descsz > left - descAt) {
      diag.report(new ElfError("BAD_NOTE", "Invalid note size", v.base + o, namesz > left ? namesz : descsz));
      break;
    }
    const nameBytes = v.bytes.subarray(o + 12, o + 12 + namesz);
    const nul = nameBytes.indexOf(0);
    const owner = decodeUtf8(nul >= 0 ? nameBytes.subarray(0, nul) : nameBytes);
    const descStart = o + 12 + descAt;
    const desc = v.bytes.subarray(descStart, descStart + Math.min(descsz, limits.maxNoteDescriptor));
    out.push({ owner, type, desc, offset: v.base + o });
    budget.left--;
    const next = descStart + descsz;
    if (next - o < 12 || pad(next) > v.length) break;
    o = pad(next);
  }
  return out;
}

/** The facts users ask of notes. */
export interface NoteFacts {
  gnuBuildId: string | undefined;
  goBuildId: string | undefined;
  /** `NT_GNU_ABI_TAG`: "Linux 3.2.0" and the like. */
  abiTag: string | undefined;
  properties: GnuProperties;
  /** `NT_FDO_PACKAGING_METADATA`: the JSON text of systemd's package notes. */
  packageMetadata: string | undefined;
}

export interface GnuProperties {
  x86IsaNeeded: string[];
  x86IsaUsed: string[];
  x86Features: string[];
  aarch64Features: string[];
  /** Every property as (type, raw data) for anything not decoded above. */
  raw: { type: number; data: string }[];
}

const ABI_OS = ["Linux", "Hurd", "Solaris", "FreeBSD", "NetBSD", "Syllable", "NaCl"];
const X86_ISA = ["x86-64-baseline", "x86-64-v2", "x86-64-v3", "x86-64-v4"];
const X86_FEATURES = ["IBT", "SHSTK", "LAM_U48", "LAM_U57"];
const AARCH64_FEATURES = ["BTI", "PAC", "GCS"];

export function noteFacts(notes: readonly Note[], little: boolean, wide: boolean, diag: Diagnostics): NoteFacts {
  const facts: NoteFacts = {
    gnuBuildId: undefined,
    goBuildId: undefined,
    abiTag: undefined,
    properties: { x86IsaNeeded: [], x86IsaUsed: [], x86Features: [], aarch64Features: [], raw: [] },
    packageMetadata: undefined,
  };
  for (const n of notes) {
    if (n.owner === "GNU" && n.type === NT_GNU_BUILD_ID) facts.gnuBuildId ??= hex(n.desc);
    else if (n.owner === "Go" && n.type === NT_GO_BUILDID) facts.goBuildId ??= decodeUtf8(n.desc);
    else if (n.owner === "GNU" && n.type === NT_GNU_ABI_TAG && n.desc.length >= 16) {
      const d = new ByteView(n.desc, little, n.offset);
      const os = d.u32(0);
      facts.abiTag ??= `${ABI_OS[os] ?? `OS ${os}`} ${d.u32(4)}.${d.u32(8)}.${d.u32(12)}`;
    } else if (n.owner === "GNU" && n.type === NT_GNU_PROPERTY_TYPE_0) {
      diag.guard(() => parseProperties(new ByteView(n.desc, little, n.offset + 12), wide, facts.properties), undefined);
    } else if (n.owner === "FDO" && n.type === NT_FDO_PACKAGING_METADATA) {
      const nul = n.desc.indexOf(0);
      facts.packageMetadata ??= decodeUtf8(nul >= 0 ? n.desc.subarray(0, nul) : n.desc);
    }
  }
  return facts;
}

/** `NT_GNU_PROPERTY_TYPE_0`: {pr_type, pr_datasz, data padded to 8 (ELF64) or 4 (ELF32)}. */
function parseProperties(v: ByteView, wide: boolean, into: GnuProperties): void {
  const align = wide ? 8 : 4;
  let o = 0;
  while (v.length - o >= 8) {
    const type = v.u32(o);
    const size = v.u32(o + 4);
    if (size > v.length - o - 8) throw new ElfError("BAD_NOTE", "Invalid GNU property size", v.base + o, size);
    const data = v.sub(o + 8, size);
    const bits = size >= 4 ? data.u32(0) : 0;
    if (type === GNU_PROPERTY_X86_ISA_1_NEEDED) into.x86IsaNeeded.push(...bitNames(bits, X86_ISA));
    else if (type === GNU_PROPERTY_X86_ISA_1_USED) into.x86IsaUsed.push(...bitNames(bits, X86_ISA));
    else if (type === GNU_PROPERTY_X86_FEATURE_1_AND) into.x86Features.push(...bitNames(bits, X86_FEATURES));
    else if (type === GNU_PROPERTY_AARCH64_FEATURE_1_AND) into.aarch64Features.push(...bitNames(bits, AARCH64_FEATURES));
    if (into.raw.length < 64) into.raw.push({ type, data: hex(data.bytes) });
    o += 8 + ((size + align - 1) & ~(align - 1));
  }
}

function bitNames(bits: number, names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < 32; i++) {
    if ((bits >>> i) & 1) out.push(names[i] ?? `bit${i}`);
  }
  return out;
}
