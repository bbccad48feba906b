/**
 * A one-line progress indicator on stderr for long directory scans. Only on a terminal (a log
 * file full of carriage returns helps nobody), only after the scan has run for a second (short
 * runs stay quiet), and redrawn at most ten times a second.
 */
export class Progress {
  private readonly start = performance.now();
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly enabled: boolean,
    private readonly write: (s: string) => void,
  ) {}

  update(files: number, elf: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.start < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    this.write(`\r\x1b[Kscanning: ${files} files, ${elf} ELF`);
  }

  /** Erases the line, so the next stdout or stderr write starts clean. */
  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.write("\r\x1b[K");
  }
}
