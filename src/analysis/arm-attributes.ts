/**
 * `.ARM.attributes` (SHT_ARM_ATTRIBUTES): the build attributes of the ARM ABI ("Addenda to, and
 * Errata in, the ABI for the Arm Architecture", section "Build Attributes"; binutils
 * readelf.c `display_arm_attribute`). Only `Tag_CPU_arch` is read here: it gives the
 * architecture version an OCI `linux/arm/vN` variant names.
 *
 * Layout: 'A', then subsections {u32 length (including itself), NUL-terminated vendor name,
 * then sub-subsections {u8 tag, u32 length (including tag and length), attributes}}. Only the
 * "aeabi" vendor and the file-scope sub-subsection (tag 1) are read.
 */
import type { ByteView } from "../io/view.js";

const TAG_FILE = 1;
const TAG_CPU_RAW_NAME = 4;
const TAG_CPU_NAME = 5;
const TAG_CPU_ARCH = 6;
const TAG_COMPATIBILITY = 32;
const TAG_ALSO_COMPATIBLE_WITH = 65;
const TAG_CONFORMANCE = 67;

export interface ArmAttributes {
  cpuArch: number | undefined;
  /** Offset (in the file) of the `Tag_CPU_arch` value. */
  cpuArchOffset: number | undefined;
  cpuName: string | undefined;
}

function uleb(v: ByteView, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let i = at;
  while (i < v.length && shift < 35) {
    const b = v.u8(i++);
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return { value, next: i };
    shift += 7;
  }
  return { value, next: v.length };
}

function ntbs(v: ByteView, at: number): { value: string; next: number } {
  let end = at;
  while (end < v.length && v.u8(end) !== 0) end++;
  let s = "";
  for (let i = at; i < end && i - at < 64; i++) s += String.fromCharCode(v.u8(i));
  return { value: s, next: Math.min(end + 1, v.length) };
}

/** Reads the attributes; malformed input ends the walk and keeps what was read. */
export function parseArmAttributes(v: ByteView): ArmAttributes {
  const out: ArmAttributes = { cpuArch: undefined, cpuArchOffset: undefined, cpuName: undefined };
  if (v.length < 1 || v.u8(0) !== 0x41 /* 'A' */) return out;
  let o = 1;
  while (v.length - o >= 5) {
    const len = v.u32(o);
    if (len < 5 || len > v.length - o) break;
    const end = o + len;
    const vendor = ntbs(v, o + 4);
    if (vendor.value === "aeabi") readSubsection(v, vendor.next, end, out);
    o = end;
  }
  return out;
}

function readSubsection(v: ByteView, start: number, end: number, out: ArmAttributes): void {
  let o = start;
  while (end - o >= 5) {
    const tag = v.u8(o);
    const len = v.u32(o + 1);
    if (len < 5 || len > end - o) return;
    if (tag === TAG_FILE) readAttributes(v, o + 5, o + len, out);
    o += len;
  }
}

function readAttributes(v: ByteView, start: number, end: number, out: ArmAttributes): void {
  let o = start;
  while (o < end) {
    const t = uleb(v, o);
    o = t.next;
    // Tags 4, 5, 67 and 65 are strings, 32 is a number then a string; otherwise tags >= 32
    // follow the parity rule (odd: string, even: number), lower ones are numbers.
    if (t.value === TAG_CPU_RAW_NAME || t.value === TAG_CPU_NAME || t.value === TAG_CONFORMANCE || t.value === TAG_ALSO_COMPATIBLE_WITH) {
      const s = ntbs(v, o);
      if (t.value === TAG_CPU_NAME) out.cpuName = s.value;
      o = s.next;
    } else if (t.value === TAG_COMPATIBILITY) {
      o = ntbs(v, uleb(v, o).next).next;
    } else if (t.value >= 32 && t.value % 2 === 1) {
      o = ntbs(v, o).next;
    } else {
      const n = uleb(v, o);
      if (t.value === TAG_CPU_ARCH) {
        out.cpuArch = n.value;
        out.cpuArchOffset = v.base + o;
      }
      o = n.next;
    }
  }
}

