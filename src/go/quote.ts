/**
 * Go's `strconv.Quote`, `strconv.Unquote` and `strconv.QuotedPrefix`, as far as build settings
 * need them (Go src/strconv/quote.go). Build settings whose key or value contains a space,
 * tab, newline, quote or backquote are written quoted by cmd/go and unquoted by
 * `debug.ParseBuildInfo`; `go version -m` quotes them again. Strings here are JavaScript
 * strings decoded from UTF-8, so an invalid byte in a value (which Go would print as `\xNN`)
 * has already become U+FFFD: the only place where elfscope's text can differ from Go's.
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's `unicode.IsPrint` (letters, marks, numbers, punctuation, symbols and the ASCII space). */
function isPrint(ch: string): boolean {
  return PRINTABLE.test(ch);
}

const SHORT_ESCAPES: Record<string, string> = {
  "\u0007": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
};

/** `strconv.Quote`: double-quoted, Go escapes, lowercase hex. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (isPrint(ch)) out += ch;
    else if (SHORT_ESCAPES[ch] !== undefined) out += SHORT_ESCAPES[ch];
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + '"';
}

/**
 * The length of the quoted string at the start of `s` (`strconv.QuotedPrefix`), or undefined
 * when `s` does not start with a valid one. Only `"` and `` ` `` quotes are accepted: build
 * setting keys and values use no other.
 */
export function quotedPrefixLength(s: string): number | undefined {
  const q = s[0];
  if (q === "`") {
    const end = s.indexOf("`", 1);
    return end < 0 ? undefined : end + 1;
  }
  if (q !== '"') return undefined;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === "\n") return undefined;
    if (c === "\\") i++;
    else if (c === '"') return goUnquote(s.slice(0, i + 1)) === undefined ? undefined : i + 1;
  }
  return undefined;
}

const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, '"': 34 };
const HEX_WIDTH: Record<string, number> = { x: 2, u: 4, U: 8 };
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

/** `strconv.Unquote` for `"…"` and `` `…` `` strings; undefined when invalid. */
export function goUnquote(s: string): string | undefined {
  if (s.length < 2 || s[0] !== s[s.length - 1]) return undefined;
  const body = s.slice(1, -1);
  if (s[0] === "`") return body.includes("`") ? undefined : body.replaceAll("\r", "");
  if (s[0] !== '"' || body.includes("\n")) return undefined;
  // Escapes produce bytes (\x, octal) or runes (\u, \U): collect bytes, decode once.
  const bytes: number[] = [];
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === '"') return undefined;
    if (c !== "\\") {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    if (SIMPLE[e] !== undefined) {
      bytes.push(SIMPLE[e]);
      i += 2;
    } else if (HEX_WIDTH[e] !== undefined) {
      const width = HEX_WIDTH[e];
      const digits = body.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) return undefined;
      const v = parseInt(digits, 16);
      if (e === "x") bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
      else bytes.push(...encoder.encode(String.fromCodePoint(v)));
      i += 2 + width;
    } else if (e >= "0" && e <= "7") {
      const digits = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits)) return undefined;
      const v = parseInt(digits, 8);
      if (v > 255) return undefined;
      bytes.push(v);
      i += 4;
    } else {
      return undefined;
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}
