#!/usr/bin/env node
// Generates src/client.ts from ../../openapi/v1.json with NSwag (settings in nswag.json).
//
//   node scripts/generate.mjs          regenerate src/client.ts
//   node scripts/generate.mjs --check  regenerate into a temp file and exit 1 if it differs
//                                      from the committed src/client.ts (drift check)
//
// NSwag runs on the .NET 10 runtime (`dotnet` must be on PATH); the nswag npm package ships
// its own binaries, so nothing else is downloaded.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const config = join(root, "nswag.json");
const committed = join(root, "src", "client.ts");
const spec = resolve(root, "..", "..", "openapi", "v1.json");
const check = process.argv.includes("--check");

const nswag = createRequire(import.meta.url).resolve("nswag/bin/nswag.js");

if (!existsSync(spec)) {
  console.error(`OpenAPI document not found: ${spec}`);
  process.exit(1);
}

function generate(output) {
  const result = spawnSync(
    process.execPath,
    [nswag, "run", config, "/runtime:Net100", `/variables:Output=${output}`],
    { cwd: root, encoding: "utf8" },
  );
  if (result.error || result.status !== 0) {
    process.stderr.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    console.error(`nswag failed (exit ${result.status ?? result.error?.message})`);
    process.exit(1);
  }
  if (!existsSync(output)) {
    process.stderr.write(result.stdout ?? "");
    console.error(`nswag reported success but wrote no ${output}`);
    process.exit(1);
  }
  return readFileSync(output, "utf8");
}

// NSwag's header names its version but carries no timestamp; refuse anything time-dependent
// so that the drift check stays meaningful.
function assertDeterministic(text) {
  const header = text.split("\n").slice(0, 8).join("\n");
  if (/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(header)) {
    console.error("generated client header contains a timestamp: generation is not deterministic");
    process.exit(1);
  }
}

if (!check) {
  const text = generate(committed);
  assertDeterministic(text);
  console.log(`wrote ${committed} (${text.split("\n").length} lines)`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "cleanprepay-client-"));
try {
  const fresh = generate(join(dir, "client.ts"));
  assertDeterministic(fresh);
  const current = existsSync(committed) ? readFileSync(committed, "utf8") : null;
  if (current !== fresh) {
    if (current === null) {
      console.error("clients/typescript/src/client.ts is missing");
    } else {
      const a = current.split("\n");
      const b = fresh.split("\n");
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) {
        if (a[i] !== b[i]) {
          console.error(`first difference at line ${i + 1}:`);
          console.error(`  committed: ${JSON.stringify(a[i] ?? "<end of file>")}`);
          console.error(`  generated: ${JSON.stringify(b[i] ?? "<end of file>")}`);
          break;
        }
      }
    }
    console.error("clients/typescript/src/client.ts is stale: run npm run generate");
    process.exitCode = 1;
  } else {
    console.log("clients/typescript/src/client.ts is up to date with openapi/v1.json");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
