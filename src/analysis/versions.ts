import type { VersionNeed } from "../elf/versions.js";

import { compareVersions } from "./base-images.js";

/**
 * The highest `PREFIX_x.y[.z]` version needed from any library, e.g. `GLIBC_2.34` → "2.34".
 * `GLIBC_PRIVATE` and other non-numeric names are ignored: they pin no release.
 */
const patterns = new Map<string, RegExp>();

export function highestVersion(needs: readonly VersionNeed[], prefix: string): string | null {
  let best: string | null = null;
  const re = patterns.get(prefix) ?? new RegExp(`^${prefix}_(\\d+(?:\\.\\d+)*)$`);
  patterns.set(prefix, re);
  for (const n of needs) {
    for (const v of n.versions) {
      if (!v.name.startsWith(prefix)) continue;
      const m = re.exec(v.name);
      if (m?.[1] !== undefined && (best === null || compareVersions(m[1], best) > 0)) best = m[1];
    }
  }
  return best;
}

/** `{ "libc.so.6": ["GLIBC_2.2.5", …] }`, in file order. */
export function neededVersions(needs: readonly VersionNeed[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const n of needs) (out[n.file] ??= []).push(...n.versions.map((v) => v.name));
  return out;
}
