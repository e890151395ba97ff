#!/usr/bin/env bash
# Runs the performance benchmarks of issue 6 and prints the SDK/baseline
# ratios (medians over -count runs) next to their targets.
#
#   scripts/bench.sh                 # COUNT=5 BENCHTIME=1s
#   COUNT=10 BENCHTIME=2s scripts/bench.sh
#   scripts/bench.sh -f FILE         # only print the ratios of a saved run
#
# The raw `go test` output is kept in $OUT (default: a temp file) for
# benchstat or later comparison.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-5}
BENCHTIME=${BENCHTIME:-1s}

if [ "${1:-}" = "-f" ]; then
  OUT=$2
else
  OUT=${OUT:-$(mktemp -t voipms-bench.XXXXXX)}
  echo "go $(go env GOVERSION) $(go env GOOS)/$(go env GOARCH), $(nproc) CPUs," \
    "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo 'cpu unknown')"
  echo "go test -run '^\$' -bench '^(BenchmarkCallOverhead|BenchmarkCallOverheadEmpty|BenchmarkDecodeDIDsInfo|BenchmarkConcurrentCalls)\$' -benchmem -count $COUNT -benchtime $BENCHTIME ."
  go test -run '^$' -bench '^(BenchmarkCallOverhead|BenchmarkCallOverheadEmpty|BenchmarkDecodeDIDsInfo|BenchmarkConcurrentCalls)$' \
    -benchmem -count "$COUNT" -benchtime "$BENCHTIME" . | tee "$OUT" | grep -E '^Benchmark' || true
  # Issue 19 §5: one run of the test binary per round (go test -count would
  # repeat each side in a row), sdk and raw next to each other, the order
  # swapped every other round; the ratio is the median of the paired ones.
  SCBIN=$(mktemp -t voipms-smallcall.XXXXXX)
  go test -c -o "$SCBIN" .
  echo "$SCBIN -test.run '^\$' -test.bench '^BenchmarkSmallCall\$' -test.benchmem -test.benchtime $BENCHTIME   (x $COUNT, raw first every other round)"
  for i in $(seq "$COUNT"); do
    VOIPMS_SMALLCALL_RAW_FIRST=$((i % 2 == 0 ? 1 : 0)) "$SCBIN" -test.run '^$' -test.bench '^BenchmarkSmallCall$' \
      -test.benchmem -test.benchtime "$BENCHTIME"
  done | tee -a "$OUT" | grep -E '^Benchmark' || true
  rm -f "$SCBIN"
  echo "raw output: $OUT"
fi

conns=$( (go test -count=1 -run '^TestSequentialCallsReuseConnections$' -v . 2>&1 || true) |
  sed -n 's/.*1000 sequential calls, \([0-9]*\) connection.*/\1/p')

awk -v conns="${conns:-?}" '
/^Benchmark/ {
  name = $1; sub(/-[0-9]+$/, "", name)
  if (!(name in seen)) { seen[name] = 1; order[++nnames] = name }
  for (i = 2; i <= NF; i++) {
    if ($i == "ns/op")     { ns[name] = ns[name] " " $(i-1) }
    if ($i == "allocs/op") { al[name] = al[name] " " $(i-1) }
    if ($i == "cpu-ns/op") { cpu[name] = cpu[name] " " $(i-1) }
  }
}
function median(list,    a, n, i, j, t) {
  n = split(list, a, " ")
  if (n == 0) return 0
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function bound(label, list, target,    v) {
  if (list == "") { printf "  %-44s  missing\n", label; return }
  v = median(list)
  printf "  %-44s %6.0f   (target <= %.0f)  %s\n", label, v, target, (v <= target ? "ok" : "MISSED")
}
# pratio: the median of the paired ratios (run i of num over run i of den;
# the benchmark runs both sides next to each other in each -count round), so
# load that comes and goes on a shared machine hits both sides of a pair.
function pratio(label, num, den, target,    a, b, n, m, i, list, r) {
  n = split(num, a, " "); m = split(den, b, " ")
  if (n == 0 || n != m) { printf "  %-44s  missing\n", label; return }
  list = ""
  for (i = 1; i <= n; i++) list = list " " (a[i] / b[i])
  r = median(list)
  printf "  %-44s %6.2f   (target <= %.2f)  %s\n", label, r, target, (r <= target ? "ok" : "MISSED")
}
function ratio(label, num, den, target, unit,    r) {
  if (median(den) == 0) { printf "  %-44s  missing\n", label; return }
  r = median(num) / median(den)
  printf "  %-44s %6.2f   (target <= %.2f)  %s\n", label, r, target, (r <= target ? "ok" : "MISSED")
}
END {
  print ""
  print "medians (ns/op, allocs/op):"
  for (k = 1; k <= nnames; k++) printf "  %-44s %14.0f ns/op %10.0f allocs/op\n", order[k], median(ns[order[k]]), median(al[order[k]])
  print ""
  print "ratios:"
  ratio("CallOverhead sdk/raw (ns/op)", ns["BenchmarkCallOverhead/sdk"], ns["BenchmarkCallOverhead/raw"], 1.10)
  ratio("CallOverheadEmpty sdk/raw (ns/op, no DIDs)", ns["BenchmarkCallOverheadEmpty/sdk"], ns["BenchmarkCallOverheadEmpty/raw"], 1.10)
  ratio("ConcurrentCalls sdk/raw (ns/op)", ns["BenchmarkConcurrentCalls/sdk"], ns["BenchmarkConcurrentCalls/raw"], 1.10)
  for (s = 0; s < 2; s++) {
    sz = (s == 0) ? "n=10000" : "n=100"
    p = "BenchmarkDecodeDIDsInfo/" sz
    ratio("DecodeDIDsInfo " sz " sdk/map (ns/op)", ns[p "/sdk"], ns[p "/map"], 0.80)
    ratio("DecodeDIDsInfo " sz " sdk/struct (ns/op)", ns[p "/sdk"], ns[p "/struct"], 1.50)
    ratio("DecodeDIDsInfo " sz " sdk/map (allocs/op)", al[p "/sdk"], al[p "/map"], 1.00)
  }
  # Issue 19 §5: small calls (getBalance; the server is another process,
  # cpu-ns/op is the client process user+sys CPU per call, from getrusage).
  for (m = 0; m < 2; m++) {
    mode = (m == 0) ? "seq" : "par16"
    p = "BenchmarkSmallCall/" mode
    bound("SmallCall " mode " sdk (allocs/op)", al[p "/sdk"], 78)
    pratio("SmallCall " mode " sdk/raw (cpu-ns/op, paired)", cpu[p "/sdk"], cpu[p "/raw"], 1.00)
  }
  printf "  %-44s %6s   (target 1 or 2)  %s\n", "TCP connections for 1,000 sequential calls", conns, ((conns == 1 || conns == 2) ? "ok" : "MISSED")
}' "$OUT"

# Issue 19: streaming (peak heap and time against the slice form) and the
# decoder against bytedance/sonic and goccy/go-json (bench/, its own module:
# neither library is a dependency of the SDK).
# BenchmarkStream: the slice and the streaming form of the same call in the
# same run. go test -count N runs a sub-benchmark N times in a row, so on a
# shared machine the two sides would see different loads: the test binary
# is run COUNT times with -count 1 instead (slice and stream alternate),
# and the ratio is that of the medians.
SOUT=${SOUT:-$(mktemp -t voipms-bench-stream.XXXXXX)}
SBIN=$(mktemp -t voipms-stream-test.XXXXXX)
go test -c -o "$SBIN" .
echo ""
echo "go test -c; $COUNT x: voipms.test -test.run '^\$' -test.bench '^BenchmarkStream\$' -test.count 1 -test.benchtime ${STREAMBENCHTIME:-3x}"
: > "$SOUT"
for _ in $(seq "$COUNT"); do
  "$SBIN" -test.run '^$' -test.bench '^BenchmarkStream$' -test.count 1 -test.benchtime "${STREAMBENCHTIME:-3x}" >> "$SOUT" 2>&1 || { tail -20 "$SOUT"; rm -f "$SBIN"; exit 1; }
done
rm -f "$SBIN"
echo "raw output: $SOUT"
awk '
/^Benchmark/ {
  name = $1; sub(/-[0-9]+$/, "", name)
  for (i = 2; i <= NF; i++) if ($i == "ns/op") ns[name] = ns[name] " " $(i-1)
}
function median(list,    a, n, i, j, t) {
  n = split(list, a, " ")
  if (n == 0) return 0
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function st(p,    sl, sr, r) {
  sl = median(ns[p "/slice"]); sr = median(ns[p "/stream"])
  if (sl == 0 || sr == 0) { printf "  %-44s  missing\n", p; return }
  r = sr / sl
  printf "  %-44s %6.2f   (target <= 1.10)  %s   [slice %.0f ms, stream %.0f ms]\n", p " stream/slice", r, (r <= 1.10 ? "ok" : "MISSED"), sl / 1e6, sr / 1e6
}
END {
  print ""
  print "streaming against the slice form (one loopback call each, same body; medians):"
  st("BenchmarkStream/dids=100000"); st("BenchmarkStream/cdr=200000")
}' "$SOUT"
echo ""
echo "streaming peak heap (TestStreamPeakHeap; target <= 32 MiB):"
go test -count=1 -run '^TestStreamPeakHeap$' -v . 2>&1 | sed -n 's/.*stream_heap_test.go:[0-9]*: /  /p' |
  awk '{ print
         h = $0; sub(/.*heap: stream /, "", h); sub(/ MiB.*/, "", h)
         printf "    peak heap %s MiB: %s\n", h, (h + 0 <= 32 ? "ok" : "MISSED") }'

BOUT=${BOUT:-$(mktemp -t voipms-bench-ext.XXXXXX)}
echo ""
echo "(cd bench && go test -run '^\$' -bench . -count $COUNT -benchtime ${EXTBENCHTIME:-3x})"
(cd bench && go test -run '^$' -bench . -count "$COUNT" -benchtime "${EXTBENCHTIME:-3x}" .) > "$BOUT" 2>&1 || { tail -20 "$BOUT"; exit 1; }
echo "raw output: $BOUT"
awk '
/^Benchmark/ {
  name = $1; sub(/-[0-9]+$/, "", name)
  for (i = 2; i <= NF; i++) if ($i == "ns/op") ns[name] = ns[name] " " $(i-1)
}
function median(list,    a, n, i, j, t) {
  n = split(list, a, " ")
  if (n == 0) return 0
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function vs(p,    s, so, gj, best, r) {
  s = median(ns[p "/sdk"]); so = median(ns[p "/sonic"]); gj = median(ns[p "/gojson"])
  if (s == 0 || so == 0 || gj == 0) { printf "  %-44s  missing\n", p; return }
  best = (so < gj) ? so : gj
  r = s / best
  printf "  %-44s %6.2f   (target <= 0.70)  %s   [sonic %.0f ms, go-json %.0f ms, sdk %.0f ms]\n", p " sdk/fastest", r, (r <= 0.70 ? "ok" : "MISSED"), so / 1e6, gj / 1e6, s / 1e6
}
END {
  print ""
  print "decoder vs bytedance/sonic and goccy/go-json (same body from memory through net/http, same typed result; medians):"
  vs("BenchmarkDecodeDIDs/n=1000"); vs("BenchmarkDecodeDIDs/n=10000"); vs("BenchmarkDecodeDIDs/n=100000")
  vs("BenchmarkDecodeCDR/n=200000")
}' "$BOUT"
