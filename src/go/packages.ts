/**
 * Package paths from Go symbol names, as Go's `debug/gosym` `Sym.PackageName`
 * (src/debug/gosym/symtab.go): drop generic instantiation brackets, skip compiler-generated
 * `go.`/`go:`/`type.`/`type:` symbols, then the package is everything before the first dot
 * after the last slash. The linker escapes a package path inside a symbol name
 * (cmd/internal/objabi `PathToPrefix`: `.` in the last element, `%`, `"`, control and
 * non-ASCII bytes become `%xx`), so `gopkg.in/yaml%2ev3.Marshal` is package `gopkg.in/yaml.v3`.
 */
export function packageOf(symbol: string): string | undefined {
  const name = withoutInstantiation(symbol);
  if (isCompilerGenerated(name)) return undefined;
  const slash = name.lastIndexOf("/");
  const dot = name.indexOf(".", slash < 0 ? 0 : slash);
  if (dot <= 0) return undefined;
  return unescapePath(name.slice(0, dot));
}

/**
 * Go 1.20+ prefixes compiler symbols `go:`/`type:`; earlier ones used `go.`/`type.`, which
 * gosym also skips — but that would drop module paths such as `go.uber.org/zap`, so a `go.`
 * name is treated as compiler-generated only when it has no slash (`go.buildid`).
 */
function isCompilerGenerated(name: string): boolean {
  if (/^(go:|type[:.])/.test(name)) return true;
  return name.startsWith("go.") && !name.includes("/");
}

/** `Sym.nameWithoutInst`: "pkg.F[...].G" → "pkg.F.G" (brackets can nest). */
function withoutInstantiation(name: string): string {
  const start = name.indexOf("[");
  if (start < 0) return name;
  let depth = 0;
  let out = name.slice(0, start);
  for (let i = start; i < name.length; i++) {
    const c = name[i];
    if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** `%xx` escapes of a package path in a symbol name undone (cmd/internal/objabi `PathToPrefix`). */
export function unescapePath(p: string): string {
  if (!p.includes("%")) return p;
  return p.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Go's rule for standard-library import paths (cmd/go/internal/search `IsStandardImportPath`):
 * the first path element has no dot. Refined with the module list, when there is one: a
 * package inside the main module or a dependency is not standard even without a dot
 * (`example/app/internal/x`), and `main` is the main package.
 */
export function isStandardPackage(path: string, modulePaths: readonly string[] = []): boolean {
  if (path === "main") return false;
  if (modulePaths.some((m) => m !== "" && (path === m || path.startsWith(m + "/")))) return false;
  const slash = path.indexOf("/");
  return !(slash < 0 ? path : path.slice(0, slash)).includes(".");
}
