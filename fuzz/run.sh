#!/usr/bin/env bash
# Runs fuzz targets one after another, each for SECONDS (default 30), in one process on one core:
#   fuzz/run.sh [SECONDS] [TARGET…]     (no target: all of them)
# Needs a nightly toolchain and cargo-fuzz. The committed seeds (fuzz/seeds/TARGET, made by
# `cargo run -p servicecraft-core --example fuzz_seeds`) are read; what the fuzzer adds goes to
# fuzz/corpus/TARGET (not committed). A crash stops the run with the input in
# fuzz/artifacts/TARGET/ and a non-zero exit. Overflow checks and debug assertions are on (-a);
# no sanitizer (-s none), since the engine has no unsafe code and a faster run covers more.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
shift || true
if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    printf '\n==> fuzz %s for %ss\n' "$target" "$seconds"
    cargo +nightly fuzz run -s none -a "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 -print_final_stats=1
done
