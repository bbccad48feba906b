/**
 * A real browser: headless Chromium (Debian's `chromium`, driven by playwright-core through
 * `executablePath`; never a downloaded browser) loads a page from a local server, imports the
 * BUILT core (dist/index.js) as an ES module, and inspects every test binary given as a `Blob`
 * or a `File`. Each result must equal Node's `inspectFile()` for the same file (minus `path`):
 * one report, whatever the byte source and runtime.
 *
 * Without /usr/bin/chromium the test skips with a message, except when
 * ELFSCOPE_REQUIRE_BROWSER=1 (.ci/run sets it after installing chromium): CI must not skip.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const CHROMIUM = "/usr/bin/chromium";
const BIN = join(ROOT, "test", "binaries");
const REQUIRED = process.env["ELFSCOPE_REQUIRE_BROWSER"] === "1";
const available = existsSync(CHROMIUM);

if (!available && !REQUIRED) {
  console.warn(`[browser test] ${CHROMIUM} not found: skipping the real-browser test (apt-get install chromium; .ci/run does)`);
}

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>elfscope browser test</title>
<script type="module">
  import { inspect } from "/elfscope/index.js";
  // Half the files as a plain Blob, half as a File (what an <input type=file> gives).
  window.inspectUrls = async (names) => {
    const out = [];
    for (const [i, name] of names.entries()) {
      const blob = await (await fetch("/bin/" + encodeURIComponent(name))).blob();
      const input = i % 2 === 0 ? blob : new File([blob], name);
      try {
        out.push({ name, kind: input.constructor.name, report: JSON.stringify(await inspect(input)) });
      } catch (e) {
        out.push({ name, kind: input.constructor.name, error: String(e && e.stack || e) });
      }
    }
    return out;
  };
  window.elfscopeReady = true;
</script>`;

function serve(): Promise<Server> {
  const names = new Set(readdirSync(BIN));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const send = (type: string, body: Buffer | string) => {
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    if (url.pathname === "/") return send("text/html", PAGE);
    // Only dist/ files and test binaries by exact name: no path traversal through this server.
    const dist = /^\/elfscope\/([\w.-]+\.js)$/.exec(url.pathname);
    if (dist && existsSync(join(ROOT, "dist", dist[1]!))) return send("text/javascript", readFileSync(join(ROOT, "dist", dist[1]!)));
    const bin = /^\/bin\/(.+)$/.exec(url.pathname);
    const name = bin ? decodeURIComponent(bin[1]!) : "";
    if (names.has(name)) return send("application/octet-stream", readFileSync(join(BIN, name)));
    res.writeHead(404).end();
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

describe.skipIf(!available && !REQUIRED)("headless Chromium", () => {
  let server: Server;
  let profile: string;
  beforeAll(async () => {
    server = await serve();
    profile = mkdtempSync(join(tmpdir(), "elfscope-chromium-"));
  });
  afterAll(async () => {
    await new Promise((ok) => server?.close(ok));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("inspects every test binary from a Blob/File exactly as Node inspects the file", { timeout: 180_000 }, async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required here (ELFSCOPE_REQUIRE_BROWSER=1)`).toBe(true);
    const { chromium } = await import("playwright-core");
    // A fresh profile directory per run; these flags keep Chromium from phoning home or
    // needing a sandbox/GPU inside containers.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      const { port } = server.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => (window as unknown as { elfscopeReady?: boolean }).elfscopeReady === true, undefined, { timeout: 30_000 });
      expect(errors).toEqual([]);

      const names = readdirSync(BIN).filter((n) => !n.endsWith(".md")).sort();
      expect(names.length).toBeGreaterThan(10);
      type Result = { name: string; kind: string; report?: string; error?: string };
      const results = (await page.evaluate((n) => (window as unknown as { inspectUrls: (n: string[]) => Promise<unknown> }).inspectUrls(n), names)) as Result[];

      const { inspectFile } = (await import(join(ROOT, "dist", "node.js"))) as typeof import("../../src/node.js");
      expect(new Set(results.map((r) => r.kind))).toEqual(new Set(["Blob", "File"]));
      for (const r of results) {
        expect(r.error, r.name).toBeUndefined();
        const browser = JSON.parse(r.report!) as Record<string, unknown>;
        const node = JSON.parse(JSON.stringify(await inspectFile(join(BIN, r.name)))) as Record<string, unknown>;
        delete browser["path"];
        delete node["path"];
        expect(browser, r.name).toEqual(node);
      }
    } finally {
      await context.close();
    }
  });
});
