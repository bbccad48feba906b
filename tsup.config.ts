import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", node: "src/node.ts" },
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: false,
    target: "node20",
    platform: "neutral",
    splitting: false,
    treeshake: true,
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
    splitting: false,
    // The CLI uses the library through its public entries only, so it imports the built
    // dist/node.js (which re-exports the core) instead of carrying a second copy of it.
    esbuildPlugins: [
      {
        name: "cli-uses-dist-node",
        setup(build) {
          build.onResolve({ filter: /^\.\.\/(index|node)\.js$/ }, (args) =>
            /[\\/]src[\\/]cli[\\/]/.test(args.importer) ? { path: "./node.js", external: true } : undefined,
          );
        },
      },
    ],
  },
]);
