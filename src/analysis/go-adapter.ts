import type { GoAnalysis } from "../go/index.js";
import type { GoFacts } from "./go-facts.js";

/**
 * The Go layer's answer (`inspectGo`) as the facts the scratch rules read. Function entry
 * addresses are not exposed by the Go layer yet, so Go evidence names functions without them.
 */
export function goFactsFrom(a: GoAnalysis): GoFacts {
  return {
    version: a.info.version,
    settings: a.info.settings,
    cgo: a.info.cgo,
    functionsKnown: a.functions !== undefined && a.functions.size > 0,
    hasFunction: (name) => a.hasFunction(name),
    hasPackage: (path) => a.hasPackage(path),
    functionEntry: () => undefined,
    json: a.info,
  };
}
