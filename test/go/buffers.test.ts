import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inspect } from "../../src/index.js";
import { fromBytes } from "../../src/io/bytes.js";
import type { ByteSource } from "../../src/io/source.js";
import { BIN } from "./helpers.js";

/** Every read `inspect` makes of a test binary: its length, and whether it came with `into`. */
async function reads(name: string): Promise<{ length: number; into: Uint8Array | undefined }[]> {
  const inner = fromBytes(readFileSync(BIN + name));
  const log: { length: number; into: Uint8Array | undefined }[] = [];
  const source: ByteSource = {
    size: inner.size,
    stats: inner.stats,
    read: (offset, length, into) => {
      log.push({ length, into });
      return inner.read(offset, length, into);
    },
  };
  await inspect(source, { path: name });
  return log;
}

describe("large reads go into buffers the reader reuses", () => {
  // Without a section table, pclntab is found by a search of the data segments, and without
  // build info the version by a search of read-only data: megabytes in 1 MiB chunks on a large
  // binary. Each search must read every chunk into one buffer (the source's `into`), not leave
  // a buffer per chunk for the collector (issue 7: memory over a whole system).
  it.each(["go-pie-external-noshdr", "go-static-nobuildinfo", "go-https"])("%s: every read of 256 KiB or more passes `into`", async (name) => {
    const log = await reads(name);
    const large = log.filter((r) => r.length >= 256 * 1024);
    expect(large.length).toBeGreaterThan(0);
    for (const r of large) expect(r.into, `a ${r.length}-byte read`).toBeDefined();
  });
});
