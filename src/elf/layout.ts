/**
 * Field offsets of the ELF structures for each class (gABI "ELF Header", "Program Header",
 * "Sections", "Dynamic Section", "Symbol Table"). One parser reads both classes through these
 * tables, instead of the two copies Go's `NewFile` keeps.
 */
export interface Layout {
  readonly wide: boolean;
  readonly ehsize: number;
  readonly e: {
    entry: number; phoff: number; shoff: number; flags: number; ehsize: number;
    phentsize: number; phnum: number; shentsize: number; shnum: number; shstrndx: number;
  };
  readonly ph: {
    size: number; type: number; flags: number; offset: number; vaddr: number; paddr: number;
    filesz: number; memsz: number; align: number;
  };
  readonly sh: {
    size: number; name: number; type: number; flags: number; addr: number; offset: number;
    bytes: number; link: number; info: number; addralign: number; entsize: number;
  };
  readonly dyn: { size: number; val: number };
  readonly sym: {
    size: number; name: number; value: number; bytes: number; info: number; other: number; shndx: number;
  };
}

export const LAYOUT32: Layout = {
  wide: false,
  ehsize: 52,
  e: { entry: 24, phoff: 28, shoff: 32, flags: 36, ehsize: 40, phentsize: 42, phnum: 44, shentsize: 46, shnum: 48, shstrndx: 50 },
  ph: { size: 32, type: 0, offset: 4, vaddr: 8, paddr: 12, filesz: 16, memsz: 20, flags: 24, align: 28 },
  sh: { size: 40, name: 0, type: 4, flags: 8, addr: 12, offset: 16, bytes: 20, link: 24, info: 28, addralign: 32, entsize: 36 },
  dyn: { size: 8, val: 4 },
  sym: { size: 16, name: 0, value: 4, bytes: 8, info: 12, other: 13, shndx: 14 },
};

export const LAYOUT64: Layout = {
  wide: true,
  ehsize: 64,
  e: { entry: 24, phoff: 32, shoff: 40, flags: 48, ehsize: 52, phentsize: 54, phnum: 56, shentsize: 58, shnum: 60, shstrndx: 62 },
  ph: { size: 56, type: 0, flags: 4, offset: 8, vaddr: 16, paddr: 24, filesz: 32, memsz: 40, align: 48 },
  sh: { size: 64, name: 0, type: 4, flags: 8, addr: 16, offset: 24, bytes: 32, link: 40, info: 44, addralign: 48, entsize: 56 },
  dyn: { size: 16, val: 8 },
  sym: { size: 24, name: 0, info: 4, other: 5, shndx: 6, value: 8, bytes: 16 },
};
