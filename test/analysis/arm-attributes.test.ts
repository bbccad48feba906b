import { describe, expect, it } from "vitest";
import { parseArmAttributes } from "../../src/analysis/arm-attributes.js";
import { ByteView } from "../../src/io/view.js";

/** A `.ARM.attributes` blob as GCC writes it for -march=armv7-a: "aeabi", file scope, CPU name, arch. */
function blob(cpuArch: number): Uint8Array {
  const attrs = [5, ...Buffer.from("7-A\0"), 6, cpuArch, 7, 0x41, 8, 1, 9, 2];
  const file = [1, ...le32(5 + attrs.length), ...attrs];
  const vendor = [...Buffer.from("aeabi\0")];
  const sub = [...le32(4 + vendor.length + file.length), ...vendor, ...file];
  return new Uint8Array([0x41, ...sub]);
}
function le32(n: number): number[] {
  return [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
}

describe(".ARM.attributes", () => {
  it("reads Tag_CPU_arch and its offset after string tags", () => {
    const a = parseArmAttributes(new ByteView(blob(10), true, 0x1000));
    expect(a.cpuArch).toBe(10);
    expect(a.cpuName).toBe("7-A");
    // 'A', length, "aeabi\0", file tag and length, Tag_CPU_name "7-A\0", then the Tag_CPU_arch tag byte.
    expect(a.cpuArchOffset).toBe(0x1000 + 1 + 4 + 6 + 5 + 5 + 1);
  });
  it("stops on a bad length and keeps what it has", () => {
    const b = blob(10);
    b[1] = 0xff; // subsection length past the end
    expect(parseArmAttributes(new ByteView(b, true, 0)).cpuArch).toBeUndefined();
    expect(parseArmAttributes(new ByteView(new Uint8Array([0x42]), true, 0)).cpuArch).toBeUndefined();
  });
});
