/**
 * Module text and its rendering against Go's runtime/debug (mod.go ParseBuildInfo and
 * BuildInfo.String) and strconv quoting.
 */
import { describe, expect, it } from "vitest";
import { moduleInfoString, packageOf, isStandardPackage, parseModuleText } from "../../src/go/index.js";
import { goQuote, goUnquote, quotedPrefixLength } from "../../src/go/quote.js";

describe("strconv", () => {
  it("Quote escapes as Go does", () => {
    expect(goQuote("-s -w")).toBe('"-s -w"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("tab\tnl\ncr\rbel\u0007del\u007f")).toBe('"tab\\tnl\\ncr\\rbel\\adel\\x7f"');
    expect(goQuote("é ü 日本")).toBe('"é ü 日本"');
    expect(goQuote("\u200b\u{e0001}")).toBe('"\\u200b\\U000e0001"');
  });
  it("Unquote reverses Quote and reads raw strings", () => {
    for (const s of ["-X main.v=1 -s", 'q"q', "a\tb\nc", "é", "\u0000", "\u{1f600}"]) expect(goUnquote(goQuote(s))).toBe(s);
    expect(goUnquote("`raw \\n`")).toBe("raw \\n");
    expect(goUnquote('"\\x41\\101\\u00e9"')).toBe("AAé");
    expect(goUnquote('"bad \\q"')).toBeUndefined();
    expect(goUnquote('"unterminated')).toBeUndefined();
    expect(goUnquote('"\\ud800"')).toBeUndefined();
  });
  it("QuotedPrefix finds the end of a leading quoted string", () => {
    expect(quotedPrefixLength('"a b"=c')).toBe(5);
    expect(quotedPrefixLength("`x`=1")).toBe(3);
    expect(quotedPrefixLength('"open')).toBeUndefined();
  });
});

describe("ParseBuildInfo / BuildInfo.String", () => {
  it("round-trips quoted keys and values, keeps order and duplicates", () => {
    const text = [
      "path\tcmd/x",
      'build\t-ldflags="-X \\"main.v=1 2\\""',
      'build\t"odd key"=v',
      "build\t-gcflags=`all=-N -l`",
      "build\tGOAMD64=v3",
      "build\tGOAMD64=v1",
      "build\tDefaultGODEBUG=panicnil=1,x509sha1=1",
      "build\tempty=",
      "",
    ].join("\n");
    const { info, error } = parseModuleText(text);
    expect(error).toBeUndefined();
    expect(info.settings).toEqual([
      { key: "-ldflags", value: '-X "main.v=1 2"' },
      { key: "odd key", value: "v" },
      { key: "-gcflags", value: "all=-N -l" },
      { key: "GOAMD64", value: "v3" },
      { key: "GOAMD64", value: "v1" },
      { key: "DefaultGODEBUG", value: "panicnil=1,x509sha1=1" },
      { key: "empty", value: "" },
    ]);
    // Go re-quotes with strconv.Quote: a backquoted value comes back double-quoted.
    expect(moduleInfoString(info)).toBe(text.replace("`all=-N -l`", '"all=-N -l"'));
  });

  it("ignores unknown lines and an unterminated last line, as Go does", () => {
    const { info } = parseModuleText("path\tp\nfuture\tthing\nmod\tm\tv1\nbuild\tA=1");
    expect(info.path).toBe("p");
    expect(info.main).toEqual({ path: "m", version: "v1", sum: "", replace: null });
    expect(info.settings).toEqual([]);
  });

  it.each([
    ["mod\ta\n", "line 1: expected 2 or 3 columns; got 1"],
    ["=>\ta\tb\tc\n", "line 1: replacement with no module on previous line"],
    ["dep\ta\tb\n=>\ta\tb\n", "line 2: expected 3 columns for replacement; got 2"],
    ["build\t=x\n", "line 1: build line with missing key"],
    ["build\tnokey\n", "line 1: build line missing '=' after key"],
    ["build\ta=b c\n", 'line 1: unquoted value "b c" must be quoted'],
    ['build\t"k"x\n', "line 1: unexpected character after quoted key: 'x'"],
  ])("error: %j", (text, message) => {
    expect(parseModuleText(text).error?.message).toBe(`could not parse Go build info: ${message}`);
  });
});

describe("packages", () => {
  it.each([
    ["net/http.(*Client).Do", "net/http"],
    ["main.main.func1", "main"],
    ["gopkg.in/yaml%2ev3.(*decoder).unmarshal", "gopkg.in/yaml.v3"],
    ["sync/atomic.(*Pointer[go.shape.struct { a/b.c int }]).Load", "sync/atomic"],
    ["go.uber.org/zap.New", "go.uber.org/zap"],
    ["type..eq.[2]interface {}", undefined],
    ["type:.eq.runtime.Frame", undefined],
    ["go:buildid", undefined],
    ["go.buildid", undefined],
    ["crosscall2", undefined],
  ])("%s → %s", (sym, pkg) => expect(packageOf(sym)).toBe(pkg));

  it("standard library by Go's rule, refined by module paths", () => {
    expect(isStandardPackage("net/http")).toBe(true);
    expect(isStandardPackage("vendor/golang.org/x/net/dns/dnsmessage")).toBe(true);
    expect(isStandardPackage("golang.org/x/sys/unix")).toBe(false);
    expect(isStandardPackage("main")).toBe(false);
    expect(isStandardPackage("example/app/internal/x")).toBe(true);
    expect(isStandardPackage("example/app/internal/x", ["example/app"])).toBe(false);
  });
});
