/**
 * Field-by-field comparison of our ELF layer with readelf. Returns the differences as text, so
 * a failing test says exactly which field of which entry disagrees.
 */
import {
  ElfFile, names,
} from "../../src/index.js";
import type { ReadelfReport } from "./readelf.js";
import { readelfBuildId } from "./readelf.js";

const { segmentTypeName, sectionTypeName, dynamicFlagNames, dynamicFlags1Names } = names;

/** readelf's short type names vs our specification names ("LOAD" ~ "PT_LOAD"). */
function sameTypeName(ours: string, prefix: "PT_" | "SHT_", theirs: string, raw: number): boolean {
  const loos = /^LOOS\+0x([0-9a-f]+)$/.exec(theirs);
  if (loos) return raw === 0x60000000 + Number.parseInt(loos[1]!, 16);
  const loproc = /^LOPROC\+0x([0-9a-f]+)$/.exec(theirs);
  if (loproc) return raw === 0x70000000 + Number.parseInt(loproc[1]!, 16);
  const bare = ours.startsWith(prefix) ? ours.slice(prefix.length) : ours;
  const aliases: Record<string, string> = { GNU_verneed: "VERNEED", GNU_verdef: "VERDEF", GNU_versym: "VERSYM", GNU_ATTRIBUTES: "GNU_ATTRIBUTES", PAX_FLAGS: "LOOS+0x5041580" };
  if (bare.toUpperCase() === theirs.toUpperCase() || aliases[bare] === theirs) return true;
  // Processor-specific names: readelf drops the machine prefix ("ARM_EXIDX" → "EXIDX").
  const noArch = bare.replace(/^(ARM|MIPS|AARCH64|RISCV|X86_64|PARISC|IA_64|S390|PPC64|PPC|LOONGARCH|MSP430|CSKY|C6000|HEX)_/, "");
  return noArch.toUpperCase() === theirs.toUpperCase() || `${bare.split("_")[0]}_${theirs}` === bare;
}

const FLAG_LETTERS: [number, string][] = [
  [0x1, "W"], [0x2, "A"], [0x4, "X"], [0x10, "M"], [0x20, "S"], [0x40, "I"], [0x80, "L"], [0x100, "O"], [0x200, "G"], [0x400, "T"], [0x800, "C"],
];

function flagLetters(flags: bigint): string {
  return FLAG_LETTERS.filter(([bit]) => (flags & BigInt(bit)) !== 0n).map(([, l]) => l).join("");
}

export interface CompareOptions {
  /** Compare only what the system sweep asks (NEEDED, interpreter, SONAME, paths, names, build-id, versions). */
  sweep?: boolean;
}

export async function compareWithReadelf(elf: ElfFile, r: ReadelfReport, options: CompareOptions = {}): Promise<string[]> {
  const diffs: string[] = [];
  const eq = (what: string, ours: unknown, theirs: unknown): void => {
    const a = JSON.stringify(ours, (_, v) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v));
    const b = JSON.stringify(theirs, (_, v) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v));
    if (a !== b) diffs.push(`${what}: ours ${a} readelf ${b}`);
  };
  const h = elf.header;
  const dyn = await elf.dynamic();

  // Interpreter, NEEDED, SONAME, RPATH/RUNPATH.
  eq("interpreter", (await elf.interpreter()) ?? null, r.interpreter ?? null);
  const str = (name: string, re: RegExp): string[] =>
    r.dynamic.filter((d) => d.name === name).map((d) => re.exec(d.text)?.[1] ?? `?${d.text}`);
  eq("DT_NEEDED", dyn?.needed ?? [], str("NEEDED", /Shared library: \[(.*)\]$/));
  eq("DT_SONAME", dyn?.soname === undefined ? [] : [dyn.soname], str("SONAME", /Library soname: \[(.*)\]$/));
  eq("DT_RPATH", dyn?.rpath.length ? [dyn.rpath.join(":")] : [], str("RPATH", /Library rpath: \[(.*)\]$/));
  eq("DT_RUNPATH", dyn?.runpath.length ? [dyn.runpath.join(":")] : [], str("RUNPATH", /Library runpath: \[(.*)\]$/));
  eq("section names", elf.sections.map((s) => s.name), r.sections.map((s) => s.name));
  eq("GNU build-id", (await elf.noteFacts()).gnuBuildId ?? null, readelfBuildId(r) ?? null);
  const needs = await elf.versionNeeds();
  // readelf finds version tables only through section headers; without them it prints none,
  // while we read DT_VERNEED through the address map (checked against the original elsewhere).
  if (elf.sections.length > 0 || r.versionNeeds.length > 0) eq("version needs", needs.map((n) => ({ file: n.file, names: n.versions.map((v) => v.name) })), r.versionNeeds);
  if (options.sweep) return diffs;

  // Header.
  eq("class", `ELF${h.class}`, r.header["Class"]);
  eq("data", h.endian === "little" ? "2's complement, little endian" : "2's complement, big endian", r.header["Data"]);
  eq("entry", `0x${h.entry.toString(16)}`, r.header["Entry point address"]);
  eq("flags", `0x${h.flags.toString(16)}`, r.header["Flags"]?.split(",")[0]);
  eq("program headers", elf.segments.length, Number(/\((\d+)\)/.exec(r.header["Number of program headers"] ?? "")?.[1] ?? r.header["Number of program headers"]));
  eq("section headers", elf.sections.length, Number(/\((\d+)\)/.exec(r.header["Number of section headers"] ?? "")?.[1] ?? r.header["Number of section headers"]));

  // Segments.
  eq("segment count", elf.segments.length, r.segments.length);
  for (const [i, s] of elf.segments.entries()) {
    const t = r.segments[i];
    if (t === undefined) break;
    const name = segmentTypeName(s.type, h.machine);
    if (!sameTypeName(name, "PT_", t.type, s.type)) diffs.push(`segment ${i} type: ours ${name} readelf ${t.type}`);
    eq(`segment ${i}`, [s.offset, s.vaddr, s.filesz, s.memsz, s.align], [t.offset, t.vaddr, t.filesz, t.memsz, t.align]);
    eq(`segment ${i} flags`, `${s.flags & 4 ? "R" : ""}${s.flags & 2 ? "W" : ""}${s.flags & 1 ? "E" : ""}`, t.flags);
  }

  // Sections.
  for (const [i, s] of elf.sections.entries()) {
    const t = r.sections[i];
    if (t === undefined) break;
    const name = sectionTypeName(s.type, h.machine);
    if (!sameTypeName(name, "SHT_", t.type, s.type)) diffs.push(`section ${i} type: ours ${name} readelf ${t.type}`);
    eq(`section ${i} ${s.name}`, [s.addr, s.offset, s.size, s.entsize, s.link, s.info, s.addralign], [t.addr, t.offset, t.size, t.entsize, t.link, t.info, t.align]);
    eq(`section ${i} ${s.name} flags`, flagLetters(s.flags), t.flags.replace(/[^WAXMSILOGTC]/g, ""));
  }

  // Dynamic entries: every tag in order, and the flag words.
  eq("dynamic tags", dyn?.entries.map((e) => e.tag) ?? [], r.dynamic.filter((d) => d.name !== "NULL").map((d) => d.tag));
  const flagsText = r.dynamic.find((d) => d.name === "FLAGS")?.text.replace(/^Flags:\s*/, "").trim();
  if (flagsText !== undefined) eq("DT_FLAGS", dynamicFlagNames(dyn?.flags ?? 0n).map((n) => n.slice(3)).join(" "), flagsText);
  const flags1Text = r.dynamic.find((d) => d.name === "FLAGS_1")?.text.replace(/^Flags:\s*/, "").trim();
  if (flags1Text !== undefined) eq("DT_FLAGS_1", dynamicFlags1Names(dyn?.flags1 ?? 0n).map((n) => n.slice(5)).join(" "), flags1Text);

  // Notes: readelf lists each note once; so do we.
  const notes = await elf.notes();
  // annobin's "GA" notes have binary owner names that readelf decodes ("GA$<version>3p1113");
  // for those, only the descriptor sizes are comparable.
  const owner = (o: string): string => (o.startsWith("GA") ? "GA" : o);
  eq("notes", notes.map((n) => [owner(n.owner), n.desc.length]), r.notes.map((n) => [owner(n.owner), n.size]));
  const facts = await elf.noteFacts();
  const abi = r.notes.map((n) => /OS: (\w+), ABI: ([\d.]+)/.exec(n.text)).find((m) => m);
  eq("ABI tag", facts.abiTag ?? null, abi ? `${abi[1]} ${abi[2]}` : null);
  const goNote = r.notes.find((n) => n.owner === "Go" && /description data: /.test(n.text));
  if (goNote) {
    const bytes = /description data: ([0-9a-f ]+)/.exec(goNote.text)![1]!.trim().split(/\s+/).map((x) => Number.parseInt(x, 16));
    eq("Go build ID", facts.goBuildId, String.fromCharCode(...bytes));
  }
  const isa = r.notes.map((n) => /x86 ISA needed: ([^\n]*?)(?:, x86|\n|$)/.exec(n.text)).find((m) => m);
  if (isa) eq("x86 ISA needed", facts.properties.x86IsaNeeded.join(", "), isa[1]!.trim());

  if (elf.sections.length > 0) eq("version definitions", (await elf.versionDefs()).map((d) => d.names[0]), r.versionDefs);
  return diffs;
}
