import { checkRange, EMPTY, type ByteSource } from "./source.js";

export interface CacheOptions {
  /** Alignment of fetched ranges. Default 256 bytes. */
  blockSize?: number;
  /** Bytes kept. Default 2 MiB. */
  maxBytes?: number;
  /** Reads larger than this go straight to the source, uncached. Default 256 KiB. */
  bypassBytes?: number;
}

interface Extent {
  start: number;
  end: number;
  bytes: Promise<Uint8Array>;
}

/**
 * A small range cache in front of a slow source (a file, a blob). ELF parsing asks for many
 * small, nearby ranges (a header, the program headers right after it, a note, a string…);
 * each miss fetches only the missing part of the request, widened to `blockSize` alignment, in
 * one call, and keeps it as an extent. Requests in flight are shared, so parsers running
 * concurrently never fetch the same bytes twice. Small blocks keep the bytes read close to the
 * bytes needed; the few reads an ELF report needs are laid out by `ElfFile.open`'s read-ahead.
 * `stats` is the inner source's: what really left the backing store.
 */
export function withCache(source: ByteSource, options: CacheOptions = {}): ByteSource {
  const block = options.blockSize ?? 256;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const bypass = options.bypassBytes ?? 256 * 1024;
  /** Oldest first; few (tens) per file, so linear scans are cheapest. */
  const extents: Extent[] = [];
  let held = 0;

  function fetch(start: number, end: number): Extent {
    const e: Extent = { start, end, bytes: source.read(start, end - start) };
    // A failed read must not poison the cache: drop it so a later read retries.
    e.bytes.catch(() => {
      const i = extents.indexOf(e);
      if (i >= 0) {
        extents.splice(i, 1);
        held -= e.end - e.start;
      }
    });
    extents.push(e);
    held += end - start;
    while (held > maxBytes && extents.length > 1) {
      const old = extents.shift()!;
      held -= old.end - old.start;
    }
    return e;
  }

  /** The extents covering [from, to), fetching the gaps (an evicted extent still serves). */
  function cover(from: number, to: number): Extent[] {
    const have = extents.filter((e) => e.start < to && e.end > from).sort((a, b) => a.start - b.start);
    const parts: Extent[] = [];
    let pos = from;
    for (const e of have) {
      if (e.end <= pos) continue;
      if (e.start > pos) parts.push(fetch(pos, Math.min(to, e.start)));
      parts.push(e);
      pos = e.end;
      if (pos >= to) break;
    }
    if (pos < to) parts.push(fetch(pos, to));
    return parts;
  }

  const alignUp = (n: number): number => Math.min(source.size, Math.ceil(n / block) * block);

  return {
    size: source.size,
    stats: source.stats,
    close: source.close?.bind(source),
    async read(offset, length, into) {
      if (length === 0) return EMPTY;
      checkRange(source.size, offset, length);
      // A caller's own buffer means a read it will overwrite: never cached.
      if (length > bypass || into !== undefined) return source.read(offset, length, into);
      const end = offset + length;
      // One extent holding it all: the common case, zero-copy.
      for (let i = extents.length - 1; i >= 0; i--) {
        const e = extents[i]!;
        if (e.start <= offset && e.end >= end) {
          const bytes = await e.bytes;
          return bytes.subarray(offset - e.start, end - e.start);
        }
      }
      const from = Math.floor(offset / block) * block;
      const parts = cover(from, alignUp(end));
      if (parts.length === 1) {
        const p = parts[0]!;
        return (await p.bytes).subarray(offset - p.start, end - p.start);
      }
      const out = new Uint8Array(length);
      for (const p of parts) {
        const bytes = await p.bytes;
        const a = Math.max(offset, p.start);
        const b = Math.min(end, p.end);
        if (b > a) out.set(bytes.subarray(a - p.start, b - p.start), a - offset);
      }
      return out;
    },
  };
}
