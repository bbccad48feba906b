/**
 * Base images and the C library (and libstdc++) each ships, for the glibc floor → image
 * mapping. One table, with where each number was checked. glibc keeps its release version for
 * the life of a distribution release (updates are backported patches), so the major.minor
 * below is fixed per image tag.
 *
 * Sources (checked for this table):
 * - debian 10 buster 2.28, 11 bullseye 2.31, ubuntu 18.04 2.27, 20.04 2.31, RHEL/UBI 8 2.28:
 *   the distribution glibc table at https://gist.github.com/xuyang2/3ab29d04ca47738d59fac5647d9bf0e9
 *   (built from sourceware.org/glibc/wiki/Glibc Timeline, distrowatch and access.redhat.com/articles/3078);
 *   distroless issue #390 (buster brings GLIBC_2.28), #1054 ("debian bullseye provides" 2.31).
 * - debian 12 bookworm 2.36: https://github.com/syndicodefront/infekt/issues/162 ("Debian 12
 *   bookworm (using 2.36)"); this machine's own Debian 12 libc6 2.36-9+deb12u*.
 * - debian 13 trixie 2.41: trixie apt logs `libc6-dev amd64 2.41-12`,
 *   https://github.com/community-scripts/ProxmoxVE/issues/8416.
 * - ubuntu 22.04 jammy 2.35, 24.04 noble 2.39: https://github.com/tembo-io/trunk/pull/978
 *   ("jammy (glibc 2.35)", "noble with glibc 2.39"), https://github.com/tendra/tendra/pull/128.
 * - RHEL/UBI 9 2.34: Red Hat bugzilla 2149994 (fixed in glibc-2.34-57.el9).
 * - Amazon Linux 2 2.26 and 2023 2.34: AWS "AL2023 user guide", glibc-gcc-and-binutils
 *   (https://docs.aws.amazon.com/linux/al2023/ug/glibc-gcc-and-binutils.html: AL2 2.26, AL2023 2.34).
 * - distroless base-debian11 2.31 (`libc6=2.31-13+deb11u2`, aquasecurity/trivy issue #1525) and
 *   base-debian12 2.36 (distroless tracks Debian stable packages: distroless issue #1054,
 *   "this is what debian bullseye provides and we track them"; #1552: base-debian12 has 2.34+).
 * - libstdc++ `GLIBCXX_3.4.x`/`CXXABI_1.3.x` per GCC release: the libstdc++ manual, "ABI Policy
 *   and Guidelines" (https://gcc.gnu.org/onlinedocs/libstdc++/manual/abi.html), applied to each
 *   release's default GCC (AWS AL2023 guide: AL2 gcc 7.3, AL2023 gcc 11).
 */

export interface BaseImage {
  /** A pullable reference. */
  image: string;
  family: "debian" | "ubuntu" | "ubi" | "amazonlinux" | "distroless";
  glibc: string;
  /** Highest `GLIBCXX_3.4.x` the image's libstdc++ provides; null: no libstdc++ in the image. */
  glibcxx: string | null;
  /** Highest `CXXABI_1.3.x`; null: no libstdc++. */
  cxxabi: string | null;
  /** Ships CA certificates, /etc/passwd and tzdata (distroless base/cc do; full distros do). */
  hasRuntimeFiles: boolean;
}

/** Ordered smallest first within the same glibc, so the first match is the smallest image. */
export const BASE_IMAGES: readonly BaseImage[] = [
  { image: "gcr.io/distroless/base-debian11", family: "distroless", glibc: "2.31", glibcxx: null, cxxabi: null, hasRuntimeFiles: true },
  { image: "gcr.io/distroless/cc-debian11", family: "distroless", glibc: "2.31", glibcxx: "3.4.28", cxxabi: "1.3.12", hasRuntimeFiles: true },
  { image: "gcr.io/distroless/base-debian12", family: "distroless", glibc: "2.36", glibcxx: null, cxxabi: null, hasRuntimeFiles: true },
  { image: "gcr.io/distroless/cc-debian12", family: "distroless", glibc: "2.36", glibcxx: "3.4.30", cxxabi: "1.3.13", hasRuntimeFiles: true },
  { image: "amazonlinux:2", family: "amazonlinux", glibc: "2.26", glibcxx: "3.4.24", cxxabi: "1.3.11", hasRuntimeFiles: true },
  { image: "ubuntu:18.04", family: "ubuntu", glibc: "2.27", glibcxx: "3.4.25", cxxabi: "1.3.11", hasRuntimeFiles: false },
  { image: "debian:10-slim", family: "debian", glibc: "2.28", glibcxx: "3.4.25", cxxabi: "1.3.11", hasRuntimeFiles: false },
  { image: "registry.access.redhat.com/ubi8/ubi-minimal", family: "ubi", glibc: "2.28", glibcxx: "3.4.25", cxxabi: "1.3.11", hasRuntimeFiles: true },
  { image: "debian:11-slim", family: "debian", glibc: "2.31", glibcxx: "3.4.28", cxxabi: "1.3.12", hasRuntimeFiles: false },
  { image: "ubuntu:20.04", family: "ubuntu", glibc: "2.31", glibcxx: "3.4.28", cxxabi: "1.3.12", hasRuntimeFiles: false },
  { image: "registry.access.redhat.com/ubi9/ubi-minimal", family: "ubi", glibc: "2.34", glibcxx: "3.4.29", cxxabi: "1.3.13", hasRuntimeFiles: true },
  { image: "amazonlinux:2023", family: "amazonlinux", glibc: "2.34", glibcxx: "3.4.29", cxxabi: "1.3.13", hasRuntimeFiles: true },
  { image: "ubuntu:22.04", family: "ubuntu", glibc: "2.35", glibcxx: "3.4.30", cxxabi: "1.3.13", hasRuntimeFiles: false },
  { image: "debian:12-slim", family: "debian", glibc: "2.36", glibcxx: "3.4.30", cxxabi: "1.3.13", hasRuntimeFiles: false },
  { image: "ubuntu:24.04", family: "ubuntu", glibc: "2.39", glibcxx: "3.4.33", cxxabi: "1.3.15", hasRuntimeFiles: false },
  { image: "debian:13-slim", family: "debian", glibc: "2.41", glibcxx: "3.4.33", cxxabi: "1.3.15", hasRuntimeFiles: false },
];

/** Compares dotted versions numerically ("2.10" > "2.9"). */
export function compareVersions(a: string, b: string): number {
  // Numeric field by field, a missing field counting 0 ("2.3" = "2.3.0"), without splitting
  // into arrays: this runs for every version name of every file a scan reads.
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let x = 0;
    let y = 0;
    for (; i < a.length && a.charCodeAt(i) !== 0x2e; i++) x = x * 10 + (a.charCodeAt(i) - 0x30);
    for (; j < b.length && b.charCodeAt(j) !== 0x2e; j++) y = y * 10 + (b.charCodeAt(j) - 0x30);
    if (x !== y) return x - y;
    i++;
    j++;
  }
  return 0;
}

export interface Floor {
  glibc: string | null;
  /** Needed when libstdc++ is: the highest GLIBCXX_ and CXXABI_ versions. */
  glibcxx: string | null;
  cxxabi: string | null;
  /** libstdc++.so.6 is in DT_NEEDED. */
  needsLibstdcxx: boolean;
}

/** Does `image` satisfy the floor? */
export function satisfies(image: BaseImage, floor: Floor): boolean {
  if (floor.glibc !== null && compareVersions(image.glibc, floor.glibc) < 0) return false;
  if (floor.needsLibstdcxx || floor.glibcxx !== null || floor.cxxabi !== null) {
    if (image.glibcxx === null || image.cxxabi === null) return false;
    if (floor.glibcxx !== null && compareVersions(image.glibcxx, floor.glibcxx) < 0) return false;
    if (floor.cxxabi !== null && compareVersions(image.cxxabi, floor.cxxabi) < 0) return false;
  }
  return true;
}

/** Every image in the table that meets the floor, in table order. */
export function imagesFor(floor: Floor): BaseImage[] {
  return BASE_IMAGES.filter((i) => satisfies(i, floor));
}

/**
 * Libraries the distroless base images carry besides libc (distroless `base` README: glibc,
 * libssl, openssl, ca-certificates, tzdata, /etc/passwd; `cc` adds libgcc1 and libstdc++).
 */
export const DISTROLESS_BASE_LIBS: readonly RegExp[] = [
  /^libc\.so\.6$/, /^libm\.so\.6$/, /^libpthread\.so\.0$/, /^libdl\.so\.2$/, /^librt\.so\.1$/, /^libresolv\.so\.2$/,
  /^libnss_\w+\.so\.2$/, /^libutil\.so\.1$/, /^ld-linux[\w.-]*\.so\.\d+$/, /^libssl\.so\.3$/, /^libcrypto\.so\.3$/,
];
export const DISTROLESS_CC_LIBS: readonly RegExp[] = [...DISTROLESS_BASE_LIBS, /^libstdc\+\+\.so\.6$/, /^libgcc_s\.so\.1$/, /^libgomp\.so\.1$/];
