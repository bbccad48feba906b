import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const BIN_DIR = join(import.meta.dirname, "..", "binaries");
export const GOLDEN_DIR = join(import.meta.dirname, "..", "golden");

/** Every committed test binary (README excluded). */
export function testBinaries(): string[] {
  return readdirSync(BIN_DIR)
    .filter((n) => !n.endsWith(".md") && statSync(join(BIN_DIR, n)).isFile())
    .sort();
}

export const binPath = (name: string): string => join(BIN_DIR, name);
