import { it } from "vitest";
import { analyzePath, nmTextSymbols, BIN } from "./helpers.js";
it("diff", async () => {
  for (const b of ["go-static", "go-cgo-glibc", "go-cgo-static-glibc", "go-386", "go-mips", "go-pie-external"]) {
    const { go } = await analyzePath(BIN + b);
    const ours = new Set(go!.functions!.names());
    const nm = new Set(nmTextSymbols(BIN + b));
    const onlyNm = [...nm].filter((n) => !ours.has(n));
    const onlyOurs = [...ours].filter((n) => !nm.has(n));
    console.log(b, ours.size, nm.size, "onlyNm", onlyNm.length, onlyNm.slice(0, 25).join(" "), "\nonlyOurs", onlyOurs.length, onlyOurs.slice(0, 25).join(" "));
  }
}, 60000);
