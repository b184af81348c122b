#!/usr/bin/env bash
# Cross-language conformance of the Bedrock emulator: starts the standalone jar on a free loopback port and drives it
# with the Vercel AI SDK (npm) and boto3 (Python) over converse, converse-stream, invoke, invoke-stream, count-tokens,
# errors and faults. Prints "N passed, M failed"; exits 1 when a check failed.
#
#   testing/conformance/run.sh [path/to/quarkus-bedrock-testing-<version>-standalone.jar]
#
# boto3: used when importable; otherwise installed from a local wheel index when PIP_FIND_LINKS (or
# BEDROCK_CONFORMANCE_WHEELS) names one; otherwise skipped with a message. npm packages are installed in this folder.
set -u
here=$(cd "$(dirname "$0")" && pwd)
jar=${1:-$(ls "$here"/../target/quarkus-bedrock-testing-*-standalone.jar 2>/dev/null | head -1)}
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "No standalone jar: build it with ./mvnw -B install -DskipTests -pl testing -am, or pass its path" >&2
  exit 2
fi
log=$(mktemp)
java -jar "$jar" --port 0 >"$log" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null; wait "$emulator" 2>/dev/null; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/listening on //')
  [ -n "$url" ] && break
  kill -0 "$emulator" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$url" ]; then
  echo "The emulator did not start:" >&2
  cat "$log" >&2
  exit 2
fi
echo "Emulator at $url ($(basename "$jar"))"
export BEDROCK_EMULATOR_URL=$url
export AWS_ACCESS_KEY_ID=AKIDBEDROCKEMULATOR1
export AWS_SECRET_ACCESS_KEY=bedrock-emulator-test-secret-not-a-real-key
unset AWS_SESSION_TOKEN AWS_BEARER_TOKEN_BEDROCK AWS_PROFILE

passed=0
failed=0
tally() { # reads a client's output, echoes it, adds its RESULT line to the totals
  local out=$1
  echo "$out" | grep -v '^RESULT'
  local p f
  p=$(echo "$out" | sed -n 's/^RESULT passed=\([0-9]*\) failed=\([0-9]*\)$/\1/p')
  f=$(echo "$out" | sed -n 's/^RESULT passed=\([0-9]*\) failed=\([0-9]*\)$/\2/p')
  if [ -z "$p" ]; then
    echo "FAIL $2: no result line"
    failed=$((failed + 1))
  else
    passed=$((passed + p))
    failed=$((failed + f))
  fi
}

if command -v node >/dev/null && command -v npm >/dev/null; then
  if (cd "$here" && npm install --no-audit --no-fund --silent >/dev/null 2>&1); then
    tally "$(cd "$here" && node node/conformance.mjs 2>&1)" vercel-ai
  else
    echo "FAIL vercel-ai: npm install failed in $here"
    failed=$((failed + 1))
  fi
else
  echo "SKIP vercel-ai: node and npm are not installed"
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import boto3' 2>/dev/null; then
  wheels=${BEDROCK_CONFORMANCE_WHEELS:-${PIP_FIND_LINKS:-}}
  if [ -n "$wheels" ]; then
    "$python" -m pip install --quiet --no-index --find-links "$wheels" boto3 || true
  fi
fi
if "$python" -c 'import boto3' 2>/dev/null; then
  tally "$("$python" "$here/python/conformance.py" 2>&1)" boto3
else
  echo "SKIP boto3: not installed and no local wheel index (set PIP_FIND_LINKS or BEDROCK_CONFORMANCE_WHEELS)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
