import type { GoAnalysis } from "../go/index.js";
import type { GoFacts } from "./go-facts.js";

/**
 * The Go layer's answer (`inspectGo`) as the facts the scratch rules read. Function entry
 * addresses come from pclntab's function table (link-time addresses, as `go tool nm` prints),
 * so Go evidence names the address and, through the address map, the file offset.
 */
export function goFactsFrom(a: GoAnalysis): GoFacts {
  return {
    version: a.info.version,
    settings: a.info.settings,
    cgo: a.info.cgo,
    functionsKnown: a.functions !== undefined && !a.functions.empty,
    hasFunction: (name) => a.hasFunction(name),
    hasPackage: (path) => a.hasPackage(path),
    functionEntry: (name) => a.functionEntry(name),
    json: a.info,
  };
}
