/**
 * fast-check properties for the pieces the fuzzer leans on: string tables, varints, note
 * iteration, address mapping, flag names. Each states what must hold for *any* bytes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressMap, lookup } from "../../src/elf/address.js";
import { dynamicFlagNames, PT_LOAD } from "../../src/elf/constants.js";
import { parseNotes } from "../../src/elf/notes.js";
import type { Segment } from "../../src/elf/tables.js";
import { Diagnostics, ElfError } from "../../src/errors.js";
import { ByteView, readUvarint } from "../../src/io/view.js";

const only = <T>(fn: () => T): T | ElfError => {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ElfError) return e;
    throw e;
  }
};

describe("properties", () => {
  it("string tables: cstring returns the bytes up to the first NUL, or an ElfError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: -4, max: 80 }), fc.integer({ min: 0, max: 70 }), (bytes, at, max) => {
        const r = only(() => new ByteView(bytes, true, 100).cstring(at, max));
        if (r instanceof ElfError) return;
        const nul = bytes.indexOf(0, at);
        expect(nul).toBeGreaterThanOrEqual(at);
        expect(nul - at).toBeLessThanOrEqual(max);
        expect(Buffer.from(r, "utf8").length).toBeLessThanOrEqual(3 * (nul - at));
      }),
    );
  });

  it("varints: round-trip every safe integer; never more than 10 bytes; only ElfError", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        const out: number[] = [];
        let v = BigInt(n);
        do {
          const b = Number(v & 0x7fn);
          v >>= 7n;
          out.push(v > 0n ? b | 0x80 : b);
        } while (v > 0n);
        expect(readUvarint(Uint8Array.from(out), 0)).toEqual({ value: n, next: out.length });
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), fc.nat(16), (bytes, at) => {
        const r = only(() => readUvarint(bytes, at));
        if (!(r instanceof ElfError)) expect(r.next - at).toBeLessThanOrEqual(10);
      }),
    );
  });

  it("notes: any bytes give notes inside the data, in order, within the budget", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.constantFrom(4 as const, 8 as const), fc.nat(20), (bytes, align, left) => {
        const diag = new Diagnostics(true);
        const notes = parseNotes(new ByteView(bytes, true, 1000), align, diag, { left });
        expect(notes.length).toBeLessThanOrEqual(Math.min(left, Math.floor(bytes.length / 12)));
        let last = -1;
        for (const n of notes) {
          expect(n.offset).toBeGreaterThan(last);
          last = n.offset;
          expect(n.offset - 1000 + 12).toBeLessThanOrEqual(bytes.length);
          expect(n.desc.length).toBeLessThanOrEqual(bytes.length);
        }
      }),
    );
  });

  it("address mapping: a hit is always a file range inside the file and its segment", () => {
    const seg = fc.record({
      type: fc.constantFrom(PT_LOAD, 1, 2),
      offset: fc.oneof(fc.nat(5000), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(2 ** 64)),
      vaddr: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      filesz: fc.oneof(fc.nat(5000), fc.constant(2 ** 64)),
    });
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 6 }), fc.nat(4096), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (segs, size, addr) => {
        const full: Segment[] = segs.map((s, index) => ({ ...s, index, flags: 4, paddr: 0n, memsz: BigInt(s.filesz), align: 0n }));
        const map = addressMap(full, size);
        const probe = map.length > 0 && addr % 2n === 0n ? map[Number(addr % BigInt(map.length))]!.vaddr + (addr % 64n) : addr;
        const hit = lookup(map, probe);
        if (hit === undefined) return;
        expect(hit.offset).toBeGreaterThanOrEqual(0);
        expect(hit.available).toBeGreaterThan(0);
        expect(hit.offset + hit.available).toBeLessThanOrEqual(size);
        expect(hit.mapping.segment.type).toBe(PT_LOAD);
      }),
    );
  });

  it("flag names (slow-flag-names regression): every set bit named once, as the plain BigInt walk does", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (v) => {
        const names = dynamicFlagNames(v);
        expect(new Set(names).size).toBe(names.length);
        let bits = 0;
        for (let x = v; x > 0n; x >>= 1n) bits += Number(x & 1n);
        // Every set bit is covered by exactly one name (named flags here are single bits).
        expect(names.length).toBe(bits);
        const unknown = names.filter((n) => n.startsWith("DF_0x"));
        for (const u of unknown) expect((v & BigInt(u.slice(3))) !== 0n).toBe(true);
      }),
    );
  });
});
