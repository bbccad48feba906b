import { isStandardPackage, packageOf } from "./packages.js";

/**
 * The linked Go functions and packages, for fast questions ("is crypto/x509 linked?"). Names
 * are kept once, in a Set for exact lookups and a sorted array for prefix lookups.
 */
export class FunctionIndex {
  private readonly set: Set<string>;
  private readonly sorted: string[];
  readonly packages: ReadonlySet<string>;

  constructor(names: Iterable<string>) {
    this.set = new Set(names);
    this.sorted = [...this.set].sort(compare);
    const pkgs = new Set<string>();
    for (const n of this.sorted) {
      const p = packageOf(n);
      if (p !== undefined) pkgs.add(p);
    }
    this.packages = pkgs;
  }

  get size(): number {
    return this.set.size;
  }

  names(): readonly string[] {
    return this.sorted;
  }

  has(name: string): boolean {
    return this.set.has(name);
  }

  /** Some function name starts with `prefix` (binary search: the first name ≥ prefix). */
  hasPrefix(prefix: string): boolean {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.sorted[mid]!, prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    return this.sorted[lo]?.startsWith(prefix) ?? false;
  }

  /** Packages split by Go's standard-library rule, refined by the module paths. */
  classify(modulePaths: readonly string[]): { std: string[]; thirdParty: string[] } {
    const std: string[] = [];
    const thirdParty: string[] = [];
    for (const p of [...this.packages].sort(compare)) (isStandardPackage(p, modulePaths) ? std : thirdParty).push(p);
    return { std, thirdParty };
  }
}

/** Code-unit order, as Go's sort of strings compares bytes (equal for ASCII names). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
