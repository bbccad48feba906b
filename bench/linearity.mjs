#!/usr/bin/env node
// Linearity check (issue 6), not a timed test: a file 8x larger must take at most 10x longer.
// Run: npm run build && node bench/linearity.mjs
// Shapes: hostile floods whose work grows with the file: garbage section headers (e_shnum = 0,
// section 0's sh_size huge, random flags), tiny notes, dynamic entries without DT_NULL. (Real
// binaries of different sizes are compared by bench.mjs; a prefix of one is not a scaled input.)
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { inspect } = await import(join(root, "dist", "index.js"));

/** An ELF64 LE header whose tables are filled by `fill(bytes)`; every structure at offset 64. */
function elf64(size, fill) {
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  dv.setUint16(16, 3, true);
  dv.setUint16(18, 62, true);
  dv.setUint32(20, 1, true);
  dv.setUint16(52, 64, true);
  dv.setUint16(54, 56, true);
  dv.setUint16(58, 64, true);
  fill(b, dv);
  return b;
}

let seed = 1;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

const shapes = {
  "section-header flood": (n) =>
    elf64(n, (b, dv) => {
      dv.setBigUint64(40, 64n, true); // e_shoff
      dv.setUint16(60, 0, true); // e_shnum = 0: count in section 0's sh_size
      dv.setBigUint64(64 + 32, 2n ** 63n, true);
      for (let o = 128; o + 64 <= n; o += 64) {
        dv.setUint32(o + 4, (rand() * 20) | 0, true);
        dv.setBigUint64(o + 8, BigInt(Math.floor(rand() * 2 ** 32)) << 32n | BigInt(Math.floor(rand() * 2 ** 32)), true);
        dv.setBigUint64(o + 24, BigInt(Math.floor(rand() * n)), true);
        dv.setBigUint64(o + 32, BigInt(Math.floor(rand() * 256)), true);
      }
    }),
  "tiny notes": (n) =>
    elf64(n, (b, dv) => {
      dv.setBigUint64(32, 64n, true); // e_phoff
      dv.setUint16(56, 1, true);
      dv.setUint32(64, 4, true); // PT_NOTE
      dv.setBigUint64(64 + 8, 128n, true);
      dv.setBigUint64(64 + 32, BigInt(n - 128), true);
      dv.setBigUint64(64 + 48, 4n, true);
      for (let o = 128; o + 12 <= n; o += 12) dv.setUint32(o + 8, 1, true);
    }),
  "dynamic entries": (n) =>
    elf64(n, (b, dv) => {
      dv.setBigUint64(32, 64n, true);
      dv.setUint16(56, 1, true);
      dv.setUint32(64, 2, true); // PT_DYNAMIC
      dv.setBigUint64(64 + 8, 128n, true);
      dv.setBigUint64(64 + 32, BigInt(n - 128), true);
      for (let o = 128; o + 16 <= n; o += 16) dv.setBigUint64(o, 21n, true); // DT_DEBUG
    }),
};

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
async function time(bytes) {
  await inspect(bytes);
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await inspect(bytes);
    runs.push(performance.now() - t);
  }
  return median(runs);
}

const base = 512 * 1024;
const cases = Object.entries(shapes).map(([name, make]) => [name, make(base), make(8 * base)]);
let worst = 0;
for (const [name, small, large] of cases) {
  const a = await time(small);
  const b = await time(large);
  const ratio = b / Math.max(a, 0.05);
  worst = Math.max(worst, ratio);
  console.log(`${name.padEnd(22)} ${(small.length / 1024).toFixed(0).padStart(6)} KiB ${a.toFixed(1).padStart(8)} ms   ${(large.length / 1024).toFixed(0).padStart(6)} KiB ${b.toFixed(1).padStart(8)} ms   x${ratio.toFixed(2)} ${ratio <= 10 ? "ok" : "NOT LINEAR"}`);
}
console.log(`worst ratio for 8x the input: x${worst.toFixed(2)} (limit x10)`);
process.exitCode = worst <= 10 ? 0 : 1;
