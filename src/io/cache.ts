import { checkRange, EMPTY, type ByteSource } from "./source.js";

export interface CacheOptions {
  /** Block size; reads are widened to whole blocks. Default 4 KiB (a page). */
  blockSize?: number;
  /** Bytes of blocks kept. Default 2 MiB. */
  maxBytes?: number;
  /** Reads larger than this go straight to the source, uncached. Default 256 KiB. */
  bypassBytes?: number;
}

/**
 * A small block cache in front of a slow source (a file, a blob). ELF parsing asks for many
 * small, nearby ranges (a header, then the program headers right after it, then a note…);
 * widening each read to aligned blocks and fetching the missing blocks of one request in a
 * single call turns dozens of tiny reads into a few. In-flight blocks are shared, so parsers
 * running concurrently never fetch the same block twice. `stats` is the inner source's: what
 * really left the backing store.
 */
export function withCache(source: ByteSource, options: CacheOptions = {}): ByteSource {
  const blockSize = options.blockSize ?? 4096;
  const maxBlocks = Math.max(4, Math.floor((options.maxBytes ?? 2 * 1024 * 1024) / blockSize));
  const bypass = options.bypassBytes ?? 256 * 1024;
  const blocks = new Map<number, Promise<Uint8Array>>();

  function fetchRun(first: number, count: number): void {
    const start = first * blockSize;
    const end = Math.min(source.size, (first + count) * blockSize);
    const run = source.read(start, end - start);
    for (let i = 0; i < count; i++) {
      const b = first + i;
      const from = i * blockSize;
      const block = run.then((bytes) => bytes.subarray(from, Math.min(bytes.length, from + blockSize)));
      // A failed read must not poison the cache: drop the block so a later read retries.
      block.catch(() => blocks.delete(b));
      blocks.set(b, block);
    }
    while (blocks.size > maxBlocks) {
      const oldest = blocks.keys().next().value;
      if (oldest === undefined) break;
      blocks.delete(oldest);
    }
  }

  function touch(b: number): Promise<Uint8Array> | undefined {
    const p = blocks.get(b);
    if (p !== undefined) {
      // Map keeps insertion order: re-inserting makes it the most recently used.
      blocks.delete(b);
      blocks.set(b, p);
    }
    return p;
  }

  return {
    size: source.size,
    stats: source.stats,
    close: source.close?.bind(source),
    async read(offset, length) {
      if (length === 0) return EMPTY;
      checkRange(source.size, offset, length);
      if (length > bypass) return source.read(offset, length);
      const first = Math.floor(offset / blockSize);
      const last = Math.floor((offset + length - 1) / blockSize);
      let missingStart = -1;
      for (let b = first; b <= last + 1; b++) {
        const cached = b <= last && touch(b) !== undefined;
        if (b <= last && !cached && missingStart < 0) missingStart = b;
        if ((cached || b > last) && missingStart >= 0) {
          fetchRun(missingStart, b - missingStart);
          missingStart = -1;
        }
      }
      const parts: Uint8Array[] = [];
      for (let b = first; b <= last; b++) {
        const p = blocks.get(b);
        // Evicted between fetch and now (a read wider than the whole cache): read directly.
        if (p === undefined) return source.read(offset, length);
        parts.push(await p);
      }
      const skip = offset - first * blockSize;
      if (parts.length === 1) return parts[0]!.subarray(skip, skip + length);
      const out = new Uint8Array(length);
      let pos = 0;
      for (const [i, part] of parts.entries()) {
        const from = i === 0 ? skip : 0;
        const take = Math.min(part.length - from, length - pos);
        out.set(part.subarray(from, from + take), pos);
        pos += take;
      }
      return out;
    },
  };
}
