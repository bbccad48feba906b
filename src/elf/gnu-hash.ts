import { ElfError } from "../errors.js";
import type { ByteView } from "../io/view.js";
import { limits } from "../limits.js";

/**
 * `DT_GNU_HASH` (no gABI text; the format is glibc's `elf/dl-lookup.c` and binutils'
 * `elf_gnu_hash_process_symidx`): a 16-byte header {nbuckets, symoffset, bloom_size,
 * bloom_shift}, `bloom_size` address-sized Bloom words, `nbuckets` 32-bit bucket starts, then
 * one 32-bit chain word per hashed symbol. Symbols below `symoffset` are not hashed: linkers put
 * imports there (lld every one; GNU ld those called through the PLT, hashing the others, such as
 * the weak `__cxa_finalize` or a function whose address is taken), so a name lookup reads the
 * exports only along one chain.
 */
export interface GnuHashTable {
  nbuckets: number;
  symoffset: number;
  bloomSize: number;
  bloomShift: number;
  /** Header, Bloom words and, when small, the buckets (the rest is read as lookups need it). */
  head: ByteView;
  /** Byte offsets from the table's start. */
  bucketsAt: number;
  chainsAt: number;
  /** One past the last hashed symbol: symoffset plus the chain words. */
  hashedEnd: number;
}

export const GNU_HASH_HEADER = 16;

/** The header's four words, checked: the Bloom filter and buckets must fit `available` bytes. */
export function gnuHashShape(v: ByteView, wide: boolean, available: number): Omit<GnuHashTable, "head" | "hashedEnd"> {
  const nbuckets = v.u32(0);
  const symoffset = v.u32(4);
  const bloomSize = v.u32(8);
  const bloomShift = v.u32(12);
  const bucketsAt = GNU_HASH_HEADER + bloomSize * (wide ? 8 : 4);
  const chainsAt = bucketsAt + 4 * nbuckets;
  // glibc masks with bloom_size - 1 (dl-lookup.c), so it must be a power of two; and with no
  // bucket no symbol is reachable at all.
  if (nbuckets === 0 || bloomSize === 0 || (bloomSize & (bloomSize - 1)) !== 0 || chainsAt > Math.min(available, limits.maxTableBytes)) {
    throw new ElfError("BAD_HASH_TABLE", "Invalid GNU hash table", v.base, nbuckets);
  }
  return { nbuckets, symoffset, bloomSize, bloomShift, bucketsAt, chainsAt };
}

/** glibc's `dl_new_hash`: h = h * 33 + c over the name's bytes, in 32 bits. */
export function gnuHash(name: Uint8Array): number {
  let h = 5381;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 33) + name[i]!) >>> 0;
  return h;
}

/** Whether the Bloom filter admits `hash` (false: the name is certainly not hashed). */
export function bloomAdmits(t: GnuHashTable, hash: number, wide: boolean): boolean {
  // A shift the 32-bit hash cannot take makes the second bit meaningless: let the filter pass
  // everything rather than reject a name the table holds.
  if (t.bloomShift >= 32) return true;
  const bits = wide ? 64 : 32;
  const at = GNU_HASH_HEADER + ((Math.floor(hash / bits) & (t.bloomSize - 1)) * (bits / 8));
  return bloomBit(t.head, at, hash % bits, wide) && bloomBit(t.head, at, (hash >>> t.bloomShift) % bits, wide);
}

/** Bit `bit` of the Bloom word at `at`, a 64-bit word read as two 32-bit halves (no BigInt). */
function bloomBit(v: ByteView, at: number, bit: number, wide: boolean): boolean {
  if (!wide) return ((v.u32(at) >>> bit) & 1) === 1;
  const high = bit >= 32;
  // The half holding the bit: the second in memory for little-endian high bits and for
  // big-endian low bits.
  const word = v.u32(high === v.little ? at + 4 : at);
  return ((word >>> (bit & 31)) & 1) === 1;
}

const hashCache = new WeakMap<readonly string[], { names: string[]; hashes: Uint32Array }>();

/**
 * The GNU hashes of `names`, computed once per array (and again if its contents changed):
 * callers ask the same list of every file (the analysis's canary and FORTIFY names).
 */
export function gnuHashes(names: readonly string[]): Uint32Array {
  const hit = hashCache.get(names);
  if (hit !== undefined && hit.names.length === names.length && hit.names.every((n, i) => n === names[i])) return hit.hashes;
  const encoder = new TextEncoder();
  const hashes = Uint32Array.from(names, (n) => gnuHash(encoder.encode(n)));
  hashCache.set(names, { names: [...names], hashes });
  return hashes;
}

/**
 * The symbol index ranges [from, to) the table does not hash, within `count` symbols: below
 * symoffset, and after the last chain. The second is empty in tables that hash anything (every
 * linker puts the hashed symbols last), but GNU ld's table for a program exporting nothing has
 * symoffset 1 and no chains at all.
 */
export function unhashedRanges(t: Pick<GnuHashTable, "symoffset" | "hashedEnd">, count: number): [number, number][] {
  const low = Math.min(t.symoffset, count);
  const high = Math.max(low, Math.min(t.hashedEnd, count));
  const out: [number, number][] = [];
  if (low > 0) out.push([0, low]);
  if (high < count) out.push([high, count]);
  return out;
}

/** The highest bucket start: the chain that ends last begins there. */
export function highestBucket(buckets: ByteView, nbuckets: number): number {
  let last = 0;
  for (let i = 0; i < nbuckets; i++) last = Math.max(last, buckets.u32(4 * i));
  return last;
}
