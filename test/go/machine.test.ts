/**
 * Go binaries that happen to be on this machine, built by newer Go (1.22–1.25: the go1.20
 * pclntab layout, replacements, DefaultGODEBUG, vcs.* settings). Each test skips cleanly when
 * its file is absent. Also: bytes read on a large binary through a FileHandle source.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { goExeFromElf, inspectGoExe, renderGoVersionM } from "../../src/go/index.js";
import { analyzeFile, analyzePath, BIN, hasGo, liveVersionM, openBytes } from "./helpers.js";

const CANDIDATES = [
  "/usr/bin/docker",
  "/usr/local/bin/docker",
  "/usr/lib/google-cloud-sdk/bin/kubectl",
  "/usr/lib/google-cloud-sdk/bin/kpt",
  "/usr/lib/google-cloud-sdk/bin/cbt",
  "/usr/lib/google-cloud-sdk/bin/gke-gcloud-auth-plugin",
  "/usr/lib/google-cloud-sdk/bin/gcloud-crc32c",
  "/usr/lib/google-cloud-sdk/bin/local-extract",
  "/usr/lib/google-cloud-sdk/platform/google_appengine/go-app-stager",
  "/usr/lib/google-cloud-sdk/platform/bigtable-emulator/cbtemulator",
];
const found = CANDIDATES.filter((p) => existsSync(p));
if (found.length === 0) console.warn("no other Go binaries on this machine: skipping parity with newer Go builds");
if (!hasGo) console.warn("go is not installed: skipping live go version -m parity on machine binaries");

describe.skipIf(found.length === 0 || !hasGo)("go version -m parity on this machine's Go binaries", () => {
  for (const path of found) {
    it(path, async () => {
      const { go } = await analyzePath(path);
      expect(renderGoVersionM(basename(path), go!.info)).toBe(liveVersionM(dirname(path), basename(path)));
      expect(go!.info.pclntab?.layout).toBe("go1.20");
      expect(go!.functions!.size).toBeGreaterThan(1000);
    });
  }
});

/** The largest of the candidates: the "tens of MB" binary of the brief. */
const large = found.find((p) => p.endsWith("/docker")) ?? found.find((p) => p.endsWith("/kubectl"));

describe.skipIf(large === undefined)("cost on a large Go binary", () => {
  it(`${large}: build info + pclntab packages read at most a quarter of the file`, async () => {
    const { go, bytesRead, size } = await analyzeFile(large!);
    console.log(`${large}: ${size} bytes, read ${bytesRead} (${((100 * bytesRead) / size).toFixed(1)}%), ${go!.functions!.size} functions, ${go!.info.packages.length} packages`);
    expect(go!.info.packages.length).toBeGreaterThan(100);
    expect(bytesRead).toBeLessThanOrEqual(size / 4);
  }, 60_000);
});

describe.skipIf(!existsSync(BIN + "go-static-nobuildinfo"))("version recovery without build info or symbols", () => {
  it("finds runtime.buildVersion through its string header in writable data", async () => {
    const elf = await openBytes(readFileSync(BIN + "go-static-nobuildinfo"));
    // As if .symtab were stripped too: the version must come from the data.
    const exe = { ...goExeFromElf(elf), symbolValue: async () => undefined };
    const go = await inspectGoExe(exe);
    expect(go!.info.version).toBe("go1.19.8");
    expect(go!.info.versionSource).toBe("string-header");
  });
});
