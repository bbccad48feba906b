import { ET_DYN, ET_EXEC, typeName } from "../elf/constants.js";

/**
 * Build modes whose output the Go linker writes as `ET_DYN` (cmd/link/internal/ld/elf.go:
 * `ET_DYN` for `-buildmode=pie`, `c-shared`, `shared`, `plugin`).
 */
const DYN_MODES = new Set(["pie", "c-shared", "shared", "plugin"]);

/**
 * A note when the `-buildmode` build setting and `e_type` disagree, else null. The setting is
 * what `go build` was asked for; the ELF type is what was produced. `-buildmode=pie` on an
 * `ET_EXEC` happens when the external linker was told to link statically
 * (`-ldflags '-linkmode=external -extldflags=-static'`, as some release builds do): the file
 * is not position-independent whatever build info says, so hardening must follow `e_type`.
 * `-buildmode=exe` on an `ET_DYN` is not flagged: platforms that default to PIE record `exe`.
 */
export function buildmodeDisagreement(mode: string | undefined, fileType: number | undefined): string | null {
  if (mode === undefined || fileType === undefined) return null;
  if (DYN_MODES.has(mode) && fileType === ET_EXEC) {
    return `-buildmode=${mode} is recorded but the file is ${typeName(ET_EXEC)}, not ${typeName(ET_DYN)}: it was linked position-dependent (e.g. an external static link), so it is not a PIE`;
  }
  return null;
}
