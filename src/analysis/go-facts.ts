/**
 * What the scratch rules ask of a Go binary, and which linked functions answer it. The Go
 * linker drops unreachable functions, so a function's presence in pclntab means the program
 * can call it; that is the evidence every Go caveat rests on.
 */

/** The Go facts the analysis reads (the Go layer's `analyzeGo` result, adapted in report.ts). */
export interface GoFacts {
  /** "go1.22.3"; null when neither build info nor the runtime's version string was found. */
  version: string | null;
  /** Build settings (`build\tKEY=VALUE` lines): CGO_ENABLED, GOOS, GOARCH, GOAMD64, -tags… */
  settings: Readonly<Record<string, string>>;
  /** cgo code linked (crosscall2, runtime/cgo…): true/false, null when it cannot be told. */
  cgo: boolean | null;
  /** Function names could be listed (pclntab read); when false, `hasFunction` knows nothing. */
  functionsKnown: boolean;
  hasFunction(name: string): boolean;
  hasPackage(path: string): boolean;
  /** Entry address of a function, for evidence; undefined when unknown. */
  functionEntry(name: string): bigint | undefined;
  /** The `go` object of the report. */
  json: unknown;
}

/** A Go capability the rules look for, with the names that prove it (first found is cited). */
export interface GoMarker {
  functions: readonly string[];
  packages: readonly string[];
}

/**
 * crypto/x509 reads the system roots lazily on first verification (`systemRootsPool` →
 * `initSystemRoots` → `loadSystemRoots`, src/crypto/x509/root.go and root_unix.go), from
 * `certFiles` (/etc/ssl/certs/ca-certificates.crt …, root_linux.go) and `certDirectories`,
 * or $SSL_CERT_FILE / $SSL_CERT_DIR.
 */
export const SYSTEM_ROOTS: GoMarker = {
  functions: ["crypto/x509.loadSystemRoots", "crypto/x509.initSystemRoots", "crypto/x509.systemRootsPool"],
  packages: [],
};

/** Go 1.20+: `x509.SetFallbackRoots`, called by the init of golang.org/x/crypto/x509roots/fallback. */
export const FALLBACK_ROOTS: GoMarker = {
  functions: ["crypto/x509.SetFallbackRoots"],
  packages: ["golang.org/x/crypto/x509roots/fallback"],
};

/**
 * `time.LoadLocation` reads $ZONEINFO, then /usr/share/zoneinfo/ and the other `platformZoneSources`
 * (src/time/zoneinfo_unix.go), then the embedded copy when `time/tzdata` is linked
 * (src/time/zoneinfo_read.go `loadLocation`, `registerLoadFromEmbeddedTZData`). The local zone
 * (/etc/localtime) falls back to UTC silently, so only named zones can fail.
 */
export const LOAD_LOCATION: GoMarker = { functions: ["time.LoadLocation"], packages: [] };
export const EMBEDDED_TZDATA: GoMarker = {
  functions: ["time/tzdata.init.0", "time/tzdata.loadFromEmbeddedTZData"],
  packages: ["time/tzdata"],
};

/**
 * os/user: the pure-Go lookups parse /etc/passwd and /etc/group (src/os/user/lookup_unix.go);
 * the cgo ones call getpwuid_r and friends, which read the same files through NSS.
 * `user.Current` alone falls back to $USER and $HOME (lookup_stubs.go) when the lookup fails.
 */
export const OS_USER: GoMarker = {
  functions: ["os/user.Current", "os/user.Lookup", "os/user.LookupId", "os/user.LookupGroup", "os/user.LookupGroupId", "os/user.lookupUser"],
  packages: ["os/user"],
};

/** The cgo resolver: net's cgo calls into getaddrinfo (src/net/cgo_unix.go, cgo_unix_cgo.go). */
export const CGO_RESOLVER: GoMarker = {
  functions: [
    // Not net.cgoLookupHost: net/cgo_stub.go defines it with cgo off too.
    "net._C2func_getaddrinfo", "net._C2func_getaddrinfo.abi0", "net._Cfunc_getaddrinfo", "net._C2func_getnameinfo",
  ],
  packages: [],
};

/** cgo linked at all (FORMATS.md markers; src/runtime/cgo/callbacks.go `crosscall2`). */
export const CGO_CODE: GoMarker = {
  functions: ["crosscall2", "x_cgo_init", "runtime/cgo.init", "_cgo_topofstack"],
  packages: ["runtime/cgo"],
};

/** The first function or package of `marker` the binary has, as text for evidence. */
export function findMarker(go: GoFacts, marker: GoMarker): string | undefined {
  for (const f of marker.functions) if (go.hasFunction(f)) return f;
  for (const p of marker.packages) if (go.hasPackage(p)) return `package ${p}`;
  return undefined;
}

/** `-tags` setting as a list. */
export function buildTags(go: GoFacts): string[] {
  const t = go.settings["-tags"];
  return t === undefined || t === "" ? [] : t.split(",").map((s) => s.trim()).filter((s) => s !== "");
}
