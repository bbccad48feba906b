#!/usr/bin/env python3
"""Produce deliberately damaged copies of ELF files for tests.

Usage:
  damage-elf.py remove-shdrs SRC DST
      Copy SRC to DST with e_shoff, e_shnum and e_shstrndx set to 0, so the
      file has no section header table (as after `sstrip`). If the section
      header table was the last thing in the file it is also cut off, so no
      stale table is left behind.
  damage-elf.py zero-section SECTION SRC DST
      Copy SRC to DST with every byte of SECTION's file contents set to 0.
      Section and program headers are left untouched.

Handles ELFCLASS32/64 and both byte orders. Standard library only.
"""
import struct
import sys


class Elf:
    def __init__(self, data: bytearray):
        if data[:4] != b"\x7fELF":
            raise SystemExit("not an ELF file")
        self.data = data
        self.is64 = data[4] == 2
        self.end = "<" if data[5] == 1 else ">"
        if self.is64:
            # e_shoff at 0x28 (8 bytes), e_shentsize 0x3a, e_shnum 0x3c, e_shstrndx 0x3e
            self.off_shoff, self.sz_shoff = 0x28, "Q"
            self.off_shentsize = 0x3A
        else:
            self.off_shoff, self.sz_shoff = 0x20, "I"
            self.off_shentsize = 0x2E
        self.off_shnum = self.off_shentsize + 2
        self.off_shstrndx = self.off_shentsize + 4

    def get(self, fmt, off):
        return struct.unpack_from(self.end + fmt, self.data, off)[0]

    def put(self, fmt, off, val):
        struct.pack_into(self.end + fmt, self.data, off, val)

    @property
    def shoff(self):
        return self.get(self.sz_shoff, self.off_shoff)

    @property
    def shentsize(self):
        return self.get("H", self.off_shentsize)

    @property
    def shnum(self):
        return self.get("H", self.off_shnum)

    @property
    def shstrndx(self):
        return self.get("H", self.off_shstrndx)

    def section(self, i):
        base = self.shoff + i * self.shentsize
        if self.is64:
            name, typ = struct.unpack_from(self.end + "II", self.data, base)
            offset, size = struct.unpack_from(self.end + "QQ", self.data, base + 0x18)
        else:
            name, typ = struct.unpack_from(self.end + "II", self.data, base)
            offset, size = struct.unpack_from(self.end + "II", self.data, base + 0x10)
        return name, typ, offset, size

    def section_name(self, name_off):
        _, _, stroff, _ = self.section(self.shstrndx)
        start = stroff + name_off
        return self.data[start : self.data.index(b"\0", start)].decode()


def remove_shdrs(src, dst):
    data = bytearray(open(src, "rb").read())
    elf = Elf(data)
    table_end = elf.shoff + elf.shnum * elf.shentsize
    cut = elf.shoff if elf.shoff and table_end == len(data) else None
    elf.put(elf.sz_shoff, elf.off_shoff, 0)
    elf.put("H", elf.off_shnum, 0)
    elf.put("H", elf.off_shstrndx, 0)
    if cut is not None:
        del data[cut:]
    open(dst, "wb").write(data)


def zero_section(name, src, dst):
    data = bytearray(open(src, "rb").read())
    elf = Elf(data)
    for i in range(elf.shnum):
        sh_name, sh_type, offset, size = elf.section(i)
        if elf.section_name(sh_name) == name:
            if sh_type == 8:  # SHT_NOBITS: nothing in the file
                raise SystemExit(f"{name} is SHT_NOBITS")
            data[offset : offset + size] = bytes(size)
            open(dst, "wb").write(data)
            return
    raise SystemExit(f"section {name} not found in {src}")


def main(argv):
    if len(argv) == 4 and argv[1] == "remove-shdrs":
        remove_shdrs(argv[2], argv[3])
    elif len(argv) == 5 and argv[1] == "zero-section":
        zero_section(argv[2], argv[3], argv[4])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
