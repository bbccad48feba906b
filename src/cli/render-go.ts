/**
 * `--go`: byte for byte what `go version -m FILE` prints, so scripts written against Go's tool
 * keep working without a Go toolchain (or on another OS/arch's binaries). The text itself is the
 * Go layer's (`goVersionText`); this file only decides where it goes.
 */
import { goVersionText } from "../index.js";
import type { Outcome } from "./scan.js";

export interface GoText {
  stdout: string;
  stderr: string;
}

export function renderGo(o: Extract<Outcome, { kind: "report" }>): GoText {
  const r = goVersionText(o.report, o.path);
  if (r.ok) return { stdout: r.stdout, stderr: "" };
  // Like `go version -m DIR`, a directory scan passes over non-Go files silently; a file named
  // on the command line gets Go's own "could not read Go build info" line on stderr.
  return { stdout: "", stderr: o.explicit ? r.stderr : "" };
}
