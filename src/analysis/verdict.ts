/**
 * The verdict and the base-image recommendation, from the findings. `fails` with any blocker;
 * `unknown` when the file is too damaged to judge; `runs-with-caveats` with any caveat; `runs`.
 */
import { BASE_IMAGES, DISTROLESS_BASE_LIBS, DISTROLESS_CC_LIBS, imagesFor, type BaseImage } from "./base-images.js";
import type { Facts } from "./facts.js";
import type { Finding, FindingCode } from "./findings.js";

export type Verdict = "runs" | "runs-with-caveats" | "fails" | "unknown";

export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === "blocker")) return "fails";
  if (findings.some((f) => f.code === "DAMAGED")) return "unknown";
  if (findings.some((f) => f.severity === "caveat")) return "runs-with-caveats";
  return "runs";
}

export interface BaseRecommendation {
  /** The smallest image that runs the binary as is; null when no image would (wrong arch, not a program). */
  base: string | null;
  /** Why that image. */
  reason: string;
  /** Every image of the table that meets the glibc (and libstdc++) floor; empty for static binaries. */
  compatible: string[];
  /** The change that would make the binary run on scratch; null when it already does. */
  scratchReady: string | null;
}

/** Caveats that gcr.io/distroless/static answers: it ships ca-certificates, tzdata and /etc/passwd. */
const STATIC_IMAGE_ANSWERS: readonly FindingCode[] = ["NEEDS_CA_CERTS", "NEEDS_TZDATA", "NEEDS_PASSWD"];
const UNFIXABLE_BY_IMAGE: readonly FindingCode[] = ["NOT_EXECUTABLE", "NOT_LINUX", "ARCH_MISMATCH", "DAMAGED"];

/** Preference among glibc images: distroless first (smallest), then Debian, then Ubuntu, then the rest. */
const PREFERENCE = (i: BaseImage): number => ({ distroless: 0, debian: 1, ubuntu: 2, ubi: 3, amazonlinux: 4 })[i.family];

function glibcImage(f: Facts): { image: string | null; compatible: string[]; extra: string[] } {
  const compatible = imagesFor(f.floor);
  const needed = f.dynamic?.needed ?? [];
  const covered = (libs: readonly RegExp[]) => needed.every((n) => libs.some((re) => re.test(n)));
  const usable = compatible.filter((i) => {
    if (i.family !== "distroless") return true;
    return covered(i.glibcxx === null ? DISTROLESS_BASE_LIBS : DISTROLESS_CC_LIBS);
  });
  // Among images meeting the floor: the preferred family, without libstdc++ unless needed, then
  // the newest release (its security support lasts longest).
  const cxx = f.floor.needsLibstdcxx || f.floor.glibcxx !== null;
  const withCxx = (i: BaseImage): number => (i.family === "distroless" && i.glibcxx !== null && !cxx ? 1 : 0);
  const best = [...usable].sort((a, b) => PREFERENCE(a) - PREFERENCE(b) || withCxx(a) - withCxx(b) || BASE_IMAGES.indexOf(b) - BASE_IMAGES.indexOf(a))[0];
  const extra = needed.filter((n) => !DISTROLESS_CC_LIBS.some((re) => re.test(n)));
  return { image: best?.image ?? null, compatible: compatible.map((i) => i.image), extra };
}

export function recommendBase(f: Facts, findings: readonly Finding[]): BaseRecommendation {
  const codes = new Set(findings.map((x) => x.code));
  const blockers = findings.filter((x) => x.severity === "blocker");
  const caveats = findings.filter((x) => x.severity === "caveat");
  const scratchReady = [...blockers, ...caveats].length === 0 ? null : [...new Set([...blockers, ...caveats].map((x) => x.fix))].join(" ");
  if (UNFIXABLE_BY_IMAGE.some((c) => codes.has(c) && findings.find((x) => x.code === c)?.severity === "blocker") || codes.has("DAMAGED")) {
    return { base: null, reason: "No base image makes this file start; see the blockers.", compatible: [], scratchReady };
  }
  if (codes.has("NEEDS_INTERPRETER") || codes.has("NEEDS_LIBRARIES")) {
    if (f.libc.family === "musl") {
      const extra = (f.dynamic?.needed ?? []).filter((n) => !/^libc\.(musl-[\w-]+\.so\.1|so)$/.test(n));
      return { base: "alpine", reason: `musl-linked: alpine has /lib/ld-musl-*.so.1${extra.length > 0 ? `; apk add the packages for ${extra.join(", ")}` : ""}.`, compatible: [], scratchReady };
    }
    if (f.libc.family === "glibc") {
      const { image, compatible, extra } = glibcImage(f);
      const floor = f.floor.glibc === null ? "" : ` (glibc ${f.floor.glibc}${f.floor.glibcxx !== null ? `, GLIBCXX_${f.floor.glibcxx}` : ""})`;
      return image === null
        ? { base: null, reason: `No image in the table meets the floor${floor}; use a newer distribution.`, compatible, scratchReady }
        : { base: image, reason: `glibc-linked: ${image} meets the floor${floor} and has the loader${extra.length > 0 ? `; ${extra.join(", ")} must still be installed or copied in` : ""}.`, compatible, scratchReady };
    }
    return { base: null, reason: `Dynamically linked against ${f.libc.family ?? "an unknown C library"}: use an image of that system.`, compatible: [], scratchReady };
  }
  if (codes.has("STATIC_GLIBC_NSS") || (codes.has("CGO_RESOLVER") && f.libc.family === "glibc")) {
    return { base: "gcr.io/distroless/base-debian12", reason: "Static glibc with NSS: base-debian12 has libnss_files/libnss_dns and /etc/nsswitch.conf (they must match the linking glibc's version).", compatible: [], scratchReady };
  }
  if (caveats.some((c) => STATIC_IMAGE_ANSWERS.includes(c.code))) {
    return { base: "gcr.io/distroless/static", reason: "Starts on scratch; distroless/static adds the CA certificates, tzdata and /etc/passwd it reads.", compatible: [], scratchReady };
  }
  return { base: "scratch", reason: caveats.length === 0 ? "Starts on an empty root and reads no system files the analysis knows of." : "Starts on scratch; see the caveats.", compatible: [], scratchReady };
}
