/**
 * Each Go caveat shown real: the program fails in an empty root the way the finding says, and
 * works once the file the finding names is placed in the root; the variant that embeds what it
 * needs is not flagged.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspect } from "../../src/index.js";
import { binPath } from "../support/binaries.js";
import { runInEmptyRoot, unavailableReason } from "./empty-root.js";

const skip = unavailableReason(binPath("go-static"));
if (skip !== null) console.warn(`test/reality caveats skipped: ${skip}`);

async function codes(name: string): Promise<string[]> {
  const r = await inspect(new Uint8Array(readFileSync(binPath(name))), { platform: "linux/amd64" });
  return r.scratch.findings.map((f) => f.code);
}

describe.skipIf(skip !== null)("caveats, shown real", () => {
  const zoneinfo = "/usr/share/zoneinfo";
  it.skipIf(!existsSync(join(zoneinfo, "America/New_York")))("NEEDS_TZDATA: go-tz fails without zoneinfo and works with it; go-tz-embedded is not flagged", async () => {
    const bare = await runInEmptyRoot(binPath("go-tz"), "go-tz");
    expect(bare.started).toBe(true);
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toContain("unknown time zone America/New_York");
    const withTz = await runInEmptyRoot(binPath("go-tz"), "go-tz", { files: { "usr/share/zoneinfo": { dir: zoneinfo } } });
    expect(withTz.code, withTz.stderr).toBe(0);
    expect(withTz.stdout.trim()).toBe("America/New_York");
    expect(await codes("go-tz")).toContain("NEEDS_TZDATA");

    const embedded = await runInEmptyRoot(binPath("go-tz-embedded"), "go-tz-embedded");
    expect(embedded.code, embedded.stderr).toBe(0);
    expect(await codes("go-tz-embedded")).not.toContain("NEEDS_TZDATA");
  });

  it("NEEDS_PASSWD: go-user fails without /etc/passwd and works with one", async () => {
    // No USER/HOME in the environment: user.Current's fallback must not hide the lookup.
    const bare = await runInEmptyRoot(binPath("go-user"), "go-user");
    expect(bare.started).toBe(true);
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toMatch(/user: /);
    const passwd = "root:x:0:0:root:/root:/sbin/nologin\n";
    const withPasswd = await runInEmptyRoot(binPath("go-user"), "go-user", { files: { "etc/passwd": { text: passwd } } });
    expect(withPasswd.code, withPasswd.stderr).toBe(0);
    expect(withPasswd.stdout.trim()).toBe("root");
    expect(await codes("go-user")).toContain("NEEDS_PASSWD");
  });

  describe.skipIf(spawnSync("openssl", ["version"]).status !== 0)("NEEDS_CA_CERTS with a local HTTPS server", () => {
    let dir = "";
    let server: Server | undefined;
    let url = "";
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "elfscope-tls-"));
      const ssl = (...args: string[]) => {
        const r = spawnSync("openssl", args, { cwd: dir });
        if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr.toString()}`);
      };
      ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=elfscope test CA");
      ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=127.0.0.1");
      writeFileSync(join(dir, "leaf.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
      ssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "leaf.pem", "-days", "2", "-extfile", "leaf.ext");
      server = createServer({ key: readFileSync(join(dir, "leaf.key")), cert: readFileSync(join(dir, "leaf.pem")) }, (_req, res) => res.end("ok\n"));
      await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
      const address = server.address();
      if (address === null || typeof address === "string") throw new Error("no port");
      url = `https://127.0.0.1:${address.port}/`;
    });
    afterAll(() => {
      server?.close();
      if (dir !== "") rmSync(dir, { recursive: true, force: true });
    });

    it("go-https fails with an unknown authority in the empty root and succeeds with the CA in place", async () => {
      // chroot keeps the network namespace, so 127.0.0.1 is this process's server.
      const bare = await runInEmptyRoot(binPath("go-https"), "go-https", { args: [url] });
      expect(bare.started).toBe(true);
      expect(bare.code).not.toBe(0);
      expect(bare.stderr).toContain("x509: certificate signed by unknown authority");
      const withCa = await runInEmptyRoot(binPath("go-https"), "go-https", {
        args: [url],
        files: { "etc/ssl/certs/ca-certificates.crt": { from: join(dir, "ca.pem") } },
      });
      expect(withCa.code, withCa.stderr).toBe(0);
      expect(withCa.stdout.trim()).toBe("200 OK");
      expect(await codes("go-https")).toContain("NEEDS_CA_CERTS");
    });
  });
});
