import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ElfError, inspectFile, type Report } from "../node.js";

const HELP = `Usage: elfscope [options] <file|dir>...

Options:
  --json       one JSON report per file per line
  -h, --help   show this help
`;

async function* expand(path: string): AsyncGenerator<string> {
  const st = await stat(path);
  if (!st.isDirectory()) {
    yield path;
    return;
  }
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = join(path, e.name);
    if (e.isDirectory()) yield* expand(p);
    else if (e.isFile()) yield p;
  }
}

function text(r: Report): string {
  const lines = [
    `${r.path}: ELF ${r.elf.class}-bit ${r.elf.endian === "little" ? "LSB" : "MSB"} ${r.elf.type} ${r.elf.machine}, ${r.linkage.kind ?? "not linked"}`,
  ];
  if (r.interpreter) lines.push(`  interpreter: ${r.interpreter}`);
  if (r.dynamic?.needed.length) lines.push(`  needed: ${r.dynamic.needed.join(", ")}`);
  if (r.versions.glibc) lines.push(`  glibc floor: ${r.versions.glibc}`);
  lines.push(`  debug: ${r.debug.stripped ? "stripped" : "symbols"}${r.debug.dwarf ? ", DWARF" : ""}`);
  for (const w of r.warnings) lines.push(`  warning: ${w.message}${w.offset !== null ? ` at 0x${w.offset.toString(16)}` : ""}`);
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  let status = 0;
  for (const arg of positionals) {
    try {
      for await (const file of expand(arg)) {
        try {
          const r = await inspectFile(file);
          process.stdout.write((values.json ? JSON.stringify(r) : text(r)) + "\n");
        } catch (e) {
          if (e instanceof ElfError && e.code === "NOT_ELF" && file !== arg) continue;
          process.stderr.write(`elfscope: ${file}: ${(e as Error).message}\n`);
          status = 2;
        }
      }
    } catch (e) {
      process.stderr.write(`elfscope: ${arg}: ${(e as Error).message}\n`);
      status = 2;
    }
  }
  return status;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`elfscope: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
