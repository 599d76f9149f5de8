#!/usr/bin/env bash
# Runs every cargo-fuzz target for a fixed time each, one after the other.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Built without a sanitizer (`-s none`): the library's one unsafe part is the
# allocator shim (src/alloc.rs), which the targets do not use; and
# debug assertions (on in cargo-fuzz builds) still catch overflow.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 120, all)
# New inputs go to fuzz/corpus/<target>/ (not committed); the committed seeds
# are fuzz/seeds/text/ (first byte: even = plain text, odd = Markdown) and
# fuzz/seeds/config/. Crashes land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECS=${1:-120}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(document extract_dates extract_numbers extract_quotes extract_names check config)
cargo +nightly fuzz build -s none
for t in "${TARGETS[@]}"; do
    seeds=seeds/text
    [ "$t" = config ] && seeds=seeds/config
    mkdir -p "corpus/$t"
    echo "== $t: $SECS s"
    cargo +nightly fuzz run -s none "$t" "corpus/$t" "$seeds" -- \
        -max_total_time="$SECS" -timeout=5 -max_len=16384 -print_final_stats=1 2>&1 |
        grep -E "^#[0-9]+.*(DONE|pulse)|stat::|ERROR|panicked|SUMMARY|Test unit written" | tail -12
done
