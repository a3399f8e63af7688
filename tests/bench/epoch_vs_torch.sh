#!/usr/bin/env bash
# One epoch of the 60,000 MNIST training images, 784-16-16-10, sigmoid hidden, softmax +
# cross-entropy, Adam, one thread: `nnviz train` and PyTorch alternately, RUNS times each, so a
# noisy machine slows both alike. Prints each run's epoch seconds and the medians.
# Usage: tests/bench/epoch_vs_torch.sh NNVIZ_BINARY [BATCH] [RUNS]   (needs python3-torch)
set -euo pipefail
bin=$1; batch=${2:-32}; runs=${3:-3}
here=$(dirname "$0")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ours=(); theirs=()
for ((i = 0; i < runs; i++)); do
    ours+=("$("$bin" train --epochs 1 --batch "$batch" --threads 1 --activation sigmoid \
        --optimizer adam --lr 0.001 --out "$tmp/m.nnvz" | sed -n 's/^epoch 1\/1 .*  \([0-9.]*\) s .*/\1/p')")
    theirs+=("$(/usr/bin/python3 "$here/torch_epoch.py" --batch "$batch" --threads 1 2>/dev/null |
        sed -n 's/.*"epoch_s": \([0-9.]*\).*/\1/p')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "batch $batch, 1 thread, $runs runs each"
echo "nnviz   epoch s: ${ours[*]}  median $(median "${ours[@]}")"
echo "pytorch epoch s: ${theirs[*]}  median $(median "${theirs[@]}")"
awk -v a="$(median "${ours[@]}")" -v b="$(median "${theirs[@]}")" 'BEGIN {printf "ratio nnviz/pytorch: %.3f\n", a / b}'
