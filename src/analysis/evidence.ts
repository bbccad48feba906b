/**
 * Evidence strings: each names the header field, segment, dynamic entry, symbol, note or build
 * setting that proves a finding, with its file offset, so a reader can check it with readelf or
 * a hex dump.
 */
import { DT_NEEDED, PT_INTERP, segmentTypeName, typeName, machineName, osabiName } from "../elf/constants.js";
import type { Segment } from "../elf/tables.js";
import type { Facts } from "./facts.js";
import type { GoFacts } from "./go-facts.js";

export const hex = (n: number | bigint): string => `0x${n.toString(16)}`;

export function typeEvidence(f: Facts): string {
  return `e_type ${typeName(f.header.type)} at file offset ${hex(f.fieldOffset.e_type)}`;
}

export function machineEvidence(f: Facts): string {
  return `e_machine ${machineName(f.header.machine)} at file offset ${hex(f.fieldOffset.e_machine)} (ELF${f.header.class}, ${f.header.endian}-endian)`;
}

export function osabiEvidence(f: Facts): string {
  return `e_ident[EI_OSABI] ${osabiName(f.header.osabi)} at file offset ${hex(f.fieldOffset.ei_osabi)}`;
}

export function entryEvidence(f: Facts): string {
  return `e_entry ${hex(f.header.entry)} at file offset ${hex(f.fieldOffset.e_entry)}`;
}

/** "PT_INTERP (program header 1 at file offset 0x78)". */
export function segmentEvidence(f: Facts, s: Segment): string {
  const at = f.fieldOffset.phoff + s.index * f.fieldOffset.phentsize;
  return `${segmentTypeName(s.type, f.header.machine)} (program header ${s.index} at file offset ${hex(at)})`;
}

export function interpreterEvidence(f: Facts): string {
  const seg = f.segments.find((s) => s.type === PT_INTERP);
  const where = seg === undefined ? "PT_INTERP" : `${segmentEvidence(f, seg)}, path at file offset ${hex(seg.offset)}`;
  return `${where}: "${f.interpreter ?? "(unreadable)"}"`;
}

export function neededEvidence(f: Facts): string {
  const first = f.dynamic?.entries.find((e) => e.tag === DT_NEEDED);
  const at = first === undefined ? "" : ` (first DT_NEEDED entry at file offset ${hex(first.offset)})`;
  return `DT_NEEDED ${(f.dynamic?.needed ?? []).join(", ")}${at}`;
}

/** "symbol getaddrinfo in .symtab at 0x43a3c0 (file offset 0x3a3c0)". */
export function symbolEvidence(f: Facts, name: string): string | undefined {
  const d = f.defined.get(name);
  if (d !== undefined) {
    const off = d.fileOffset === undefined ? "" : ` (file offset ${hex(d.fileOffset)})`;
    return `symbol ${name} defined in ${d.table} at ${hex(d.value)}${off}`;
  }
  if (f.imported.includes(name)) return `symbol ${name} imported`;
  return undefined;
}

/** "function time.LoadLocation at 0x4a1b20 (file offset 0xa1b20), from pclntab". */
export function goFunctionEvidence(f: Facts, go: GoFacts, marker: string): string {
  if (marker.startsWith("package ")) return `${marker} linked (function names in pclntab)`;
  const entry = go.functionEntry(marker);
  if (entry === undefined) return `function ${marker} linked (pclntab)`;
  const off = f.offsetOf(entry);
  return `function ${marker} at ${hex(entry)}${off === undefined ? "" : ` (file offset ${hex(off)})`} in pclntab`;
}

export function settingEvidence(key: string, value: string): string {
  return `build setting ${key}=${value} (.go.buildinfo)`;
}
