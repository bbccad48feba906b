import { moduleInfoString, type ModuleInfo } from "./modinfo.js";
import { fromModule, type GoInfo } from "./types.js";

/** What `renderGoVersionM` needs: the build info as read, or why there is none. */
export interface VersionMInput {
  /** runtime.buildVersion from the build info; null when the build info is missing or unreadable. */
  buildInfoVersion: string | null;
  moduleInfo: ModuleInfo | null;
  /** `debug.ParseBuildInfo`'s error text, when the module text did not parse. */
  moduleTextError: string | null;
}

export interface VersionMOutput {
  /** True when `go version -m` would succeed (exit 0, text on stdout). */
  ok: boolean;
  stdout: string;
  /** The error line `go version -m` prints on stderr (and then exits 1). */
  stderr: string;
}

/**
 * Exactly what `go version -m FILE` prints for one file (Go 1.18+
 * src/cmd/go/internal/version/version.go `scanFile`): "FILE: goVERSION\n", then
 * `debug.BuildInfo.String()` with the Go version blanked, each line prefixed by a tab. When
 * there is no build info Go prints, on stderr,
 * "FILE: could not read Go build info from FILE: not a Go executable" — returned in `stderr`
 * with `ok` false; a module text that does not parse gives Go's parse error the same way.
 */
export function goVersionM(path: string, input: VersionMInput): VersionMOutput {
  const fail = (why: string): VersionMOutput => ({
    ok: false,
    stdout: "",
    stderr: `${path}: could not read Go build info from ${path}: ${why}\n`,
  });
  if (input.buildInfoVersion === null || input.buildInfoVersion === "") return fail("not a Go executable");
  if (input.moduleTextError !== null) return fail(input.moduleTextError);
  let out = `${path}: ${input.buildInfoVersion}\n`;
  const mod = input.moduleInfo === null ? "" : moduleInfoString(input.moduleInfo);
  if (mod.length > 0) out += `\t${mod.slice(0, -1).replaceAll("\n", "\n\t")}\n`;
  return { ok: true, stdout: out, stderr: "" };
}

/** The build info part of a `GoInfo`, as `goVersionM` takes it. */
export function versionMInput(info: GoInfo | null): VersionMInput {
  if (info === null || info.buildInfo === null) return { buildInfoVersion: null, moduleInfo: null, moduleTextError: null };
  return {
    buildInfoVersion: info.buildInfo.goVersion,
    moduleInfo: {
      path: info.path ?? "",
      main: info.main === null ? null : fromModule(info.main),
      deps: info.deps.map(fromModule),
      settings: info.settingsList,
    },
    moduleTextError: info.moduleTextError,
  };
}

/**
 * The `--go` text for one file: `go version -m`'s stdout when it would succeed, else the line
 * it prints on stderr ("FILE: could not read Go build info from FILE: not a Go executable"),
 * for non-Go files (`info` null) and Go files without build info alike. Callers that must
 * tell the two apart (exit status, stream) use `goVersionM(path, versionMInput(info))`.
 */
export function renderGoVersionM(path: string, info: GoInfo | null): string {
  const r = goVersionM(path, versionMInput(info));
  return r.ok ? r.stdout : r.stderr;
}
