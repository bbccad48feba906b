/**
 * The glibc floor and the base images, checked against readelf -V for every dynamic test
 * binary: the highest GLIBC_ version readelf lists is the floor, every image offered meets it,
 * and every image left out does not.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BASE_IMAGES, compareVersions } from "../../src/analysis/base-images.js";
import { binPath, testBinaries } from "../support/binaries.js";
import { reportOf } from "./support.js";

const hasReadelf = spawnSync("readelf", ["--version"]).status === 0;

/** "Name: GLIBC_2.34" lines of readelf -V's version needs, per file. */
function readelfNeeds(name: string): Map<string, string[]> {
  const out = spawnSync("readelf", ["-V", "--wide", binPath(name)], { encoding: "utf8", env: { ...process.env, LC_ALL: "C" } }).stdout;
  const section = out.split("Version needs section")[1] ?? "";
  const needs = new Map<string, string[]>();
  let file = "";
  for (const line of section.split("\n")) {
    const f = /File: (\S+)/.exec(line);
    if (f?.[1] !== undefined) needs.set((file = f[1]), []);
    const n = /Name: (\S+)/.exec(line);
    if (n?.[1] !== undefined && file !== "") needs.get(file)!.push(n[1]);
  }
  return needs;
}

function highest(names: string[], prefix: string): string | null {
  const vs = names.map((n) => new RegExp(`^${prefix}_([\\d.]+)$`).exec(n)?.[1]).filter((v): v is string => v !== undefined);
  return vs.sort(compareVersions).pop() ?? null;
}

describe.skipIf(!hasReadelf)("glibc floor and base images against readelf -V", () => {
  const dynamic = testBinaries().filter((n) => spawnSync("readelf", ["-lW", binPath(n)], { encoding: "utf8" }).stdout.includes("INTERP"));

  it("covers the dynamic test binaries", () => {
    expect(dynamic.length).toBeGreaterThanOrEqual(10);
  });

  it.each(dynamic)("%s", async (name) => {
    const r = await reportOf(name);
    const needs = readelfNeeds(name);
    const all = [...needs.values()].flat();
    // readelf reads version needs through section headers only; the -noshdr copies have none.
    if (needs.size > 0) {
      expect(r.versions.glibc).toBe(highest(all, "GLIBC"));
      expect(r.versions.glibcxx).toBe(highest(all, "GLIBCXX"));
      expect(r.versions.needed).toEqual(Object.fromEntries(needs));
    }
    const floor = r.versions.glibc;
    if (r.linkage.libc !== "glibc" || floor === null) return;
    const offered = new Set(r.scratch.compatibleImages);
    // A program that needs libstdc++ also needs an image that ships it, at its GLIBCXX/CXXABI.
    const cxx = (r.dynamic?.needed ?? []).some((n) => n.startsWith("libstdc++.so"));
    const atLeast = (have: string | null, want: string | null): boolean => want === null || (have !== null && compareVersions(have, want) >= 0);
    for (const image of BASE_IMAGES) {
      const fits = compareVersions(image.glibc, floor) >= 0 && (!cxx || (image.glibcxx !== null && atLeast(image.glibcxx, r.versions.glibcxx) && atLeast(image.cxxabi, r.versions.cxxabi)));
      expect(offered.has(image.image), `${image.image} (glibc ${image.glibc}, GLIBCXX ${image.glibcxx}) vs floor ${floor}/${r.versions.glibcxx}`).toBe(fits);
    }
    const base = BASE_IMAGES.find((i) => i.image === r.scratch.base);
    expect(base, `base ${r.scratch.base}`).toBeDefined();
    expect(compareVersions(base!.glibc, floor)).toBeGreaterThanOrEqual(0);
  });
});

describe.skipIf(!hasReadelf)("a C++ program (cpp-libstdcxx-dynamic): the libstdc++ floor from its own version needs", () => {
  it("GLIBCXX and CXXABI floors equal readelf's, and only images with libstdc++ at that level are offered", async () => {
    const r = await reportOf("cpp-libstdcxx-dynamic");
    const all = [...readelfNeeds("cpp-libstdcxx-dynamic").values()].flat();
    expect(r.dynamic?.needed).toContain("libstdc++.so.6");
    expect(r.versions.glibcxx).toBe(highest(all, "GLIBCXX"));
    expect(r.versions.cxxabi).toBe(highest(all, "CXXABI"));
    expect(r.versions.glibcxx).not.toBeNull();
    expect(r.versions.cxxabi).not.toBeNull();
    expect(r.scratch.base).toBe("gcr.io/distroless/cc-debian12");
    expect(r.scratch.compatibleImages).not.toContain("gcr.io/distroless/base-debian12");
    for (const name of r.scratch.compatibleImages) {
      const image = BASE_IMAGES.find((i) => i.image === name)!;
      expect(image.glibcxx, name).not.toBeNull();
      expect(compareVersions(image.glibcxx!, r.versions.glibcxx!), name).toBeGreaterThanOrEqual(0);
      expect(compareVersions(image.cxxabi!, r.versions.cxxabi!), name).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("base-image table", () => {
  const floor = (glibc: string | null, glibcxx: string | null = null) => ({ glibc, glibcxx, cxxabi: null, needsLibstdcxx: glibcxx !== null });
  it("offers only images with libstdc++ when it is needed, at the needed GLIBCXX", async () => {
    const { imagesFor } = await import("../../src/analysis/base-images.js");
    const names = imagesFor(floor("2.34", "3.4.30")).map((i) => i.image);
    expect(names).toContain("gcr.io/distroless/cc-debian12");
    expect(names).not.toContain("gcr.io/distroless/base-debian12");
    expect(names).not.toContain("registry.access.redhat.com/ubi9/ubi-minimal"); // GCC 11: GLIBCXX_3.4.29
    expect(imagesFor(floor("2.42")).map((i) => i.image)).toEqual([]);
  });
  it("compares versions numerically", () => {
    expect(compareVersions("2.10", "2.9")).toBeGreaterThan(0);
    expect(compareVersions("2.34", "2.34.0")).toBe(0);
  });
  it("keeps one row per image, each with a glibc version", () => {
    expect(new Set(BASE_IMAGES.map((i) => i.image)).size).toBe(BASE_IMAGES.length);
    for (const i of BASE_IMAGES) expect(i.glibc).toMatch(/^2\.\d+$/);
  });
});
