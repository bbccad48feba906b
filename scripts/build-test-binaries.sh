#!/usr/bin/env bash
# Build the real ELF test binaries in test/binaries/ from the sources in
# test/programs/, then regenerate the golden outputs in test/golden/.
#
# Requirements (Debian bookworm): golang-go (1.19), gcc, g++, musl-tools,
# gcc-multilib (for c-glibc-dynamic-i386), binutils, binutils-s390x-linux-gnu and
# binutils-powerpc-linux-gnu (the big-endian shared libraries), file, python3.
# Idempotent: every output is rebuilt and overwritten on each run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROG="$ROOT/test/programs"
OUT="$ROOT/test/binaries"
GOLDEN="$ROOT/test/golden"
DAMAGE="$ROOT/scripts/damage-elf.py"

TMP="$(mktemp -d)"
trap 'chmod -R u+w "$TMP" 2>/dev/null || true; rm -rf "$TMP"' EXIT

mkdir -p "$OUT"

# ---------------------------------------------------------------- Go setup
# Hermetic, reproducible Go environment: private cache, no network, no
# modules outside the standard library, no VCS stamping, no host paths.
export GOCACHE="$TMP/gocache" GOPATH="$TMP/gopath" GOMODCACHE="$TMP/gopath/pkg/mod"
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GO111MODULE=on GOENV=off GOWORK=off
export GOOS=linux GOARCH=amd64 GOAMD64=v1
# Default cgo flags are "-g -O2"; drop -g so no DWARF for C parts of cgo builds.
export CGO_CFLAGS="-O2" CGO_LDFLAGS="-O2" CGO_CPPFLAGS= CGO_CXXFLAGS="-O2"
unset CC CXX GOARM GO386 GOMIPS GOPPC64 2>/dev/null || true

# gobuild NAME PROGRAM [go build flags...]   (env vars as prefix assignments)
gobuild() {
  local name="$1" prog="$2"
  shift 2
  echo "go build $name ($prog)"
  (cd "$PROG/$prog" && go build -trimpath -buildvcs=false "$@" -o "$OUT/$name" .)
}

# Size budget: apart from go-static, go-arm64 and go-s390x (which keep DWARF
# on purpose) every Go binary is built with at least -w: DWARF dropped, the
# Go symbol table (.symtab) and pclntab kept.

# Host amd64, CGO_ENABLED=0.
CGO_ENABLED=0 gobuild go-static hello
CGO_ENABLED=0 gobuild go-stripped hello -ldflags="-s -w"
CGO_ENABLED=0 gobuild go-nodwarf hello -ldflags=-w
CGO_ENABLED=0 gobuild go-pie-nocgo hello -buildmode=pie -ldflags=-w
CGO_ENABLED=0 gobuild go-https tlsget -ldflags=-w
CGO_ENABLED=0 gobuild go-tz tz -ldflags=-w
CGO_ENABLED=0 gobuild go-tz-embedded tz -tags timetzdata -ldflags=-w
CGO_ENABLED=0 gobuild go-user user -ldflags=-w
CGO_ENABLED=0 GOAMD64=v3 gobuild go-amd64v3 hello -ldflags="-s -w"

# cgo builds.
CGO_ENABLED=1 gobuild go-cgo-glibc netuser -ldflags=-w
# Internal linking is fine here: cgo -dynimport records musl's loader
# (//go:cgo_dynamic_linker "/lib/ld-musl-x86_64.so.1") from the CC=musl-gcc
# probe binary, so PT_INTERP and DT_NEEDED libc.so come out right.
CGO_ENABLED=1 CC=musl-gcc gobuild go-cgo-musl netuser -ldflags=-w
# Expected linker warnings: getaddrinfo/getpwuid etc. need glibc's NSS .so files.
CGO_ENABLED=1 gobuild go-cgo-static-glibc netuser -ldflags='-w -linkmode external -extldflags -static'
CGO_ENABLED=1 gobuild go-netgo netuser -tags netgo,osusergo -ldflags=-w
CGO_ENABLED=1 gobuild go-pie-external hello -buildmode=pie -ldflags='-w -linkmode=external'

# Cross builds, CGO_ENABLED=0. arm64 and s390x keep symbols (unstripped
# little- and big-endian 64-bit); the rest are -s -w.
CGO_ENABLED=0 GOARCH=arm64 gobuild go-arm64 hello
CGO_ENABLED=0 GOARCH=386 gobuild go-386 hello -ldflags="-s -w"
CGO_ENABLED=0 GOARCH=arm GOARM=7 gobuild go-armv7 hello -ldflags="-s -w"
CGO_ENABLED=0 GOARCH=s390x gobuild go-s390x hello
CGO_ENABLED=0 GOARCH=mips gobuild go-mips hello -ldflags="-s -w"
CGO_ENABLED=0 GOARCH=ppc64le gobuild go-ppc64le hello -ldflags="-s -w"
CGO_ENABLED=0 GOARCH=riscv64 gobuild go-riscv64 hello -ldflags="-s -w"

# ---------------------------------------------------------------- C
# Build from inside the source dir with relative paths and a prefix map so
# no absolute host path ends up in the output.
CFLAGS=(-O2 -ffile-prefix-map="$PROG/c"=. -Wl,--build-id)
cbuild() {
  local name="$1"
  shift
  echo "cc $name"
  (cd "$PROG/c" && "$@" -o "$OUT/$name")
}

cbuild c-glibc-dynamic gcc "${CFLAGS[@]}" hello.c
cbuild c-glibc-static gcc "${CFLAGS[@]}" -static hello.c
cbuild c-glibc-static-pie gcc "${CFLAGS[@]}" -static-pie hello.c
cbuild c-musl-static musl-gcc "${CFLAGS[@]}" -static hello.c
cbuild c-musl-dynamic musl-gcc "${CFLAGS[@]}" hello.c
# shellcheck disable=SC2016  # $ORIGIN is literal
cbuild libdemo.so gcc "${CFLAGS[@]}" -shared -fPIC -Wl,-soname,libdemo.so.1 \
  -Wl,-rpath,'$ORIGIN/../lib' -Wl,--enable-new-dtags \
  -Wl,--version-script=libdemo.map libdemo.c
cbuild c-uses-libdemo gcc "${CFLAGS[@]}" uses-libdemo.c -L"$OUT" -l:libdemo.so \
  -Wl,--disable-new-dtags -Wl,-rpath,/opt/demo/lib
echo "cc c-relocatable.o"
(cd "$PROG/c" && gcc -O2 -ffile-prefix-map="$PROG/c"=. -c relocatable.c -o "$OUT/c-relocatable.o")
# Expected linker warnings: getaddrinfo/getpwnam in statically linked programs.
cbuild c-glibc-getaddrinfo-static gcc "${CFLAGS[@]}" -static getaddrinfo.c
cbuild c-hardened gcc "${CFLAGS[@]}" -D_FORTIFY_SOURCE=2 -fstack-protector-strong \
  -fPIE -pie -Wl,-z,relro,-z,now hardened.c
cbuild c-nohardening gcc -O0 -ffile-prefix-map="$PROG/c"=. -Wl,--build-id \
  -fno-stack-protector -no-pie -Wl,-z,norelro -Wl,-z,lazy -z execstack hardened.c
# 32-bit x86 needs gcc-multilib.
cbuild c-glibc-dynamic-i386 gcc "${CFLAGS[@]}" -m32 hello.c

# ---------------------------------------------------------------- C++
# Needs libstdc++.so.6 (GLIBCXX_/CXXABI_ version needs): the libstdc++ floor and distroless/cc.
echo "c++ cpp-libstdcxx-dynamic"
(cd "$PROG/cpp" && g++ -O2 -ffile-prefix-map="$PROG/cpp"=. -Wl,--build-id hello.cpp -o "$OUT/cpp-libstdcxx-dynamic")

# ---------------------------------------------------------------- big-endian shared libraries
# DT_GNU_HASH on big-endian files, 64- and 32-bit (no libc needed: assembly, cross binutils).
# 4 KiB pages keep them small; --secure-plt avoids ppc32's writable-and-executable PLT.
asmlib() {
  local name="$1" arch="$2" src="$3" soname="$4"
  shift 4
  echo "as+ld $name"
  (cd "$TMP" && "$arch-as" -o "$name.o" "$PROG/asm/$src" &&
    "$arch-ld" -shared --hash-style=gnu --build-id -z max-page-size=0x1000 -soname "$soname" "$@" -o "$OUT/$name" "$name.o")
}
asmlib libgnuhash-s390x.so s390x-linux-gnu gnuhash-s390x.s libgnuhash-s390x.so.1
asmlib libgnuhash-ppc32.so powerpc-linux-gnu gnuhash-ppc32.s libgnuhash-ppc32.so.1 --secure-plt

# ---------------------------------------------------------------- damaged copies
echo "damaged copies"
python3 "$DAMAGE" remove-shdrs "$OUT/c-glibc-dynamic" "$OUT/c-glibc-dynamic-noshdr"
python3 "$DAMAGE" remove-shdrs "$OUT/libdemo.so" "$OUT/libdemo-noshdr.so"
python3 "$DAMAGE" zero-section .go.buildinfo "$OUT/go-static" "$OUT/go-static-nobuildinfo"
python3 "$DAMAGE" remove-shdrs "$OUT/go-pie-external" "$OUT/go-pie-external-noshdr"
chmod 0755 "$OUT"/c-glibc-dynamic-noshdr "$OUT"/go-static-nobuildinfo "$OUT"/go-pie-external-noshdr
chmod 0755 "$OUT"/libdemo-noshdr.so
chmod 0644 "$OUT"/c-relocatable.o

# ---------------------------------------------------------------- separate debug files
# What `objcopy --only-keep-debug` writes (the files Debian's -dbgsym packages put under
# /usr/lib/debug/.build-id): the program headers stay, every allocated section but the notes
# becomes SHT_NOBITS, so PT_INTERP, PT_DYNAMIC and the executable PT_LOAD hold no bytes. Split
# from -g builds of the same sources (the -g binaries themselves are not kept).
echo "debug files"
(cd "$PROG/c" && gcc "${CFLAGS[@]}" -g hello.c -o "$TMP/c-glibc-dynamic-g")
objcopy --only-keep-debug "$TMP/c-glibc-dynamic-g" "$OUT/c-glibc-dynamic.debug"
(cd "$PROG/c" && gcc "${CFLAGS[@]}" -g -shared -fPIC -Wl,-soname,libdemo.so.1 \
  -Wl,--version-script=libdemo.map libdemo.c -o "$TMP/libdemo-g.so")
objcopy --only-keep-debug "$TMP/libdemo-g.so" "$OUT/libdemo.debug"
chmod 0644 "$OUT"/c-glibc-dynamic.debug "$OUT"/libdemo.debug

# ---------------------------------------------------------------- golden outputs
echo "golden outputs"
rm -rf "$GOLDEN/file" "$GOLDEN/go-version-m" "$GOLDEN/readelf"
mkdir -p "$GOLDEN/file" "$GOLDEN/go-version-m" "$GOLDEN/readelf"
cd "$OUT"
export LC_ALL=C
for f in *; do
  [ -f "$f" ] || continue
  case "$f" in *.md) continue ;; esac
  file -b "$f" >"$GOLDEN/file/$f.txt"
  # readelf exits non-zero on some damaged inputs; keep what it printed.
  readelf -hlSdnW --version-info --dyn-syms "$f" >"$GOLDEN/readelf/$f.txt" 2>"$TMP/readelf.err" || true
  if [ -s "$TMP/readelf.err" ]; then
    cp "$TMP/readelf.err" "$GOLDEN/readelf/$f.stderr.txt"
  fi
  case "$f" in
    go-*)
      # Go 1.19 exits 0 even when it cannot read the build info (it only
      # prints an error to stderr), so save only non-empty stdout.
      if go version -m "$f" >"$TMP/gv.out" 2>/dev/null && [ -s "$TMP/gv.out" ]; then
        cp "$TMP/gv.out" "$GOLDEN/go-version-m/$f.txt"
      fi
      ;;
  esac
done

du -sh "$OUT"
