#!/bin/sh
# Builds one Allure report from one results folder: the only place the build calls
# `allure generate` (pom.xml, execution allure-report; also under -Pallure-report).
#
# Usage: allure-report.sh ALLURE_HOME RESULTS REPORT NAME CATEGORIES
#   ALLURE_HOME  the unpacked allure-commandline (its bin/allure needs java on the PATH)
#   RESULTS      the Allure results folder (created when missing)
#   REPORT       the report folder: REPORT/index.html, one self-contained file that opens from
#                file://, and REPORT/history/ (trend data for the next run's RESULTS/history)
#   NAME         the report's title
#   CATEGORIES   categories.json, copied into RESULTS first (the report's Categories tab)
set -eu
[ $# -eq 5 ] || { echo "usage: allure-report.sh ALLURE_HOME RESULTS REPORT NAME CATEGORIES" >&2; exit 2; }
home=$1 results=$2 report=$3 name=$4 categories=$5

mkdir -p "$results"
cp "$categories" "$results/categories.json"
"$home/bin/allure" generate --clean --single-file --name "$name" "$results" -o "$report"

# A single-file report has no history/ folder; a multi-file one (in a temporary folder) has.
multi=$(mktemp -d "${TMPDIR:-/tmp}/allure-report.XXXXXX")
trap 'rm -rf "$multi"' EXIT
"$home/bin/allure" generate --clean --name "$name" "$results" -o "$multi/report"
rm -rf "$report/history"
cp -R "$multi/report/history" "$report/history"
