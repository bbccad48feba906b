import { readFileSync } from "node:fs";
import { inspect, type Report } from "../../src/index.js";
import { binPath } from "../support/binaries.js";

const cache = new Map<string, Promise<Report>>();

/** The report of a test binary for `platform` (memoized per file). */
export function reportOf(name: string, platform = "linux/amd64"): Promise<Report> {
  const key = `${name}@${platform}`;
  let p = cache.get(key);
  if (p === undefined) {
    p = inspect(new Uint8Array(readFileSync(binPath(name))), { path: name, platform });
    cache.set(key, p);
  }
  return p;
}
