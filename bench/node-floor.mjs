// What any Node program pays to look at every file, before it parses a byte: start-up, then
// open, read the 64-byte ELF header, close, per file (the bench's "Node floor" row). It is the
// least a whole-process run of the CLI can cost, so it shows how much of readelf's time a Node
// tool has left for the report itself. Usage: node bench/node-floor.mjs FILE...
import { closeSync, openSync, readSync } from "node:fs";

const header = new Uint8Array(64);
let ok = 0;
for (const path of process.argv.slice(2)) {
  let fd;
  try {
    fd = openSync(path, "r");
    if (readSync(fd, header, 0, 64, 0) >= 4 && header[0] === 0x7f && header[1] === 0x45) ok++;
  } catch {
    // unreadable: the CLI would report it; the floor only times the attempt
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
process.stdout.write(`${ok}\n`);
