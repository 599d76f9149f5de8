#!/usr/bin/env bash
# Whole-program throughput of the release binary over a folder of articles,
# with every rule enabled, single-threaded and on all cores; the same files
# through `wc -w` for comparison; then the cost of one 1, 10 and 100 MB file
# made by concatenating the folder's articles.
#
# Usage: scripts/throughput.sh [FOLDER] (default: ../shared/corpus)
# Env:   RUNS=3 (best of N per measurement), SCALING=1 (0 skips the
#        single-file scaling table), SIZES="1 10 100" (MB).
#
# Figures: wall-clock seconds, CPU seconds (user + sys), MB/s on both, and
# peak resident memory, all from GNU time. On a machine shared with other
# work the CPU-second figures are the fair per-core measure; wall-clock
# figures include waiting for a core.
set -euo pipefail

cd "$(dirname "$0")/.."
DIR=${1:-../shared/corpus}
RUNS=${RUNS:-3}
SCALING=${SCALING:-1}
SIZES=${SIZES:-1 10 100}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time at $TIME (apt-get install time)" >&2; exit 2; }
[ -d "$DIR" ] || { echo "no folder $DIR" >&2; exit 2; }

cargo build --release --quiet
BIN=$PWD/target/release/copydesk
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Every rule on, whatever the defaults say.
"$BIN" rules | awk '{print "[rules." $1 "]\nenabled = true\n"}' > "$TMP/copydesk.toml"

# The files copydesk lints in that folder (its default extensions).
find "$DIR" -type f \( -iname '*.txt' -o -iname '*.md' -o -iname '*.markdown' \) -print0 | sort -z > "$TMP/files"
NFILES=$(tr -cd '\0' < "$TMP/files" | wc -c)
BYTES=$(xargs -0 cat < "$TMP/files" | wc -c)
WORDS=$(xargs -0 cat < "$TMP/files" | wc -w)
MB=$(awk -v b="$BYTES" 'BEGIN{printf "%.2f", b/1e6}')

# best_of CMD...: runs CMD $RUNS times, keeps the run with the least CPU
# time; sets WALL CPU RSS (KB).
best_of() {
    local best_cpu="" i line
    for ((i = 0; i < RUNS; i++)); do
        # Exit 1 (findings) is expected; anything above is a failure.
        "$TIME" -f '%e %U %S %M' -o "$TMP/t" "$@" > /dev/null 2> "$TMP/err" || {
            rc=$?
            if [ "$rc" -gt 1 ] && ! grep -q "copydesk:" "$TMP/err"; then
                cat "$TMP/err" >&2; exit 2
            fi
        }
        line=$(tail -1 "$TMP/t")
        read -r w u s m <<< "$line"
        c=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u+s}')
        if [ -z "$best_cpu" ] || awk -v a="$c" -v b="$best_cpu" 'BEGIN{exit !(a<b)}'; then
            best_cpu=$c WALL=$w CPU=$c RSS=$m
        fi
    done
}

row() { # label
    awk -v l="$1" -v w="$WALL" -v c="$CPU" -v m="$RSS" -v mb="$MB" -v n="$NFILES" 'BEGIN{
        cw = (w > 0 ? w : 0.01); cc = (c > 0 ? c : 0.01);
        printf "%-24s %8.2f %8.2f %10.1f %10.1f %11.0f %11.0f %9.1f\n", l, w, c, mb/cw, mb/cc, n/cw, n/cc, m/1024 }'
}

echo "folder: $DIR"
echo "files: $NFILES   bytes: $BYTES ($MB MB)   words (wc -w): $WORDS   cores: $(nproc)   best of $RUNS"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf "%-24s %8s %8s %10s %10s %11s %11s %9s\n" "run" "wall s" "cpu s" "MB/s wall" "MB/s cpu" "art/s wall" "art/s cpu" "peak MB"
best_of "$BIN" check --format concise --config "$TMP/copydesk.toml" --threads 1 "$DIR"
row "copydesk --threads 1"; W1=$WALL C1=$CPU
best_of "$BIN" check --format concise --config "$TMP/copydesk.toml" "$DIR"
row "copydesk (all cores)"
best_of xargs -0 -a "$TMP/files" wc -w
row "wc -w (same files)"; WW=$WALL CW=$CPU
awk -v a="$W1" -v b="$WW" -v c="$C1" -v d="$CW" 'BEGIN{
    printf "\ncopydesk --threads 1 / wc -w: %.1fx wall-clock, %.1fx CPU time (target: within 10x)\n",
        a/(b > 0 ? b : 0.01), c/(d > 0 ? d : 0.01) }'

[ "$SCALING" = 1 ] || exit 0

# One big file of concatenated articles (plain text, so the CLI reads it as
# wire copy; the blank line between articles keeps them apart).
echo
echo "single-file scaling (--threads 1, every rule on):"
printf "%8s %12s %8s %8s %10s %10s %9s %12s\n" "size MB" "bytes" "wall s" "cpu s" "MB/s wall" "MB/s cpu" "peak MB" "peak/size"
for size in $SIZES; do
    target=$((size * 1000 * 1000))
    f="$TMP/big-$size.txt"
    : > "$f"
    while [ "$(stat -c %s "$f")" -lt "$target" ]; do
        xargs -0 -a "$TMP/files" awk 'FNR==1 && NR>1 {print ""} {print}' >> "$f"
    done
    truncate -s "$target" "$f"
    # Truncation may cut a multi-byte character: drop the partial tail.
    iconv -c -f UTF-8 -t UTF-8 "$f" > "$f.ok" && mv "$f.ok" "$f"
    b=$(stat -c %s "$f")
    best_of "$BIN" check --format concise --config "$TMP/copydesk.toml" --threads 1 "$f"
    awk -v b="$b" -v w="$WALL" -v c="$CPU" -v m="$RSS" 'BEGIN{
        mb = b/1e6; cw = (w > 0 ? w : 0.01); cc = (c > 0 ? c : 0.01);
        printf "%8.1f %12d %8.2f %8.2f %10.1f %10.1f %9.1f %12.2f\n", mb, b, w, c, mb/cw, mb/cc, m/1024, (m*1024)/b }'
    rm -f "$f"
done
