#!/bin/sh
# Issue-12 bench: the TypeScript port against X's published core scorer on one synthetic data set.
# usage: bench/notes-reference/compare.sh GIT_DIR DATA_DIR [SEEDS]
#   GIT_DIR   a fetched twitter/communitynotes git directory (fetch github:twitter/communitynotes)
#   DATA_DIR  holds notes-00000.tsv and ratings-00000.tsv (node bench/dist/notes-gen.js writes them)
# Runs the reference once per seed, then the port once per seed against every reference run, and
# the reference against itself across seeds. Needs /usr/bin/python3 with Debian's python3-torch,
# python3-pandas, python3-numpy and python3-sklearn; run `npx tsc -b` first.
set -eu
git_dir=$1
data=$2
seeds=${3:-1 2 3}
here=$(dirname "$0")
for s in $seeds; do
  /usr/bin/python3 "$here/run_reference.py" "$git_dir" "$data/notes-00000.tsv" "$data/ratings-00000.tsv" \
    "$data/reference-seed$s.tsv" --seed "$s" 2>"$data/reference-seed$s.log"
  tail -n 1 "$data/reference-seed$s.log"
done
for s in $seeds; do
  for r in $seeds; do
    echo "== port seed $s vs reference seed $r"
    other="$data/reference-seed$(( r % 3 + 1 )).tsv"
    if [ -f "$other" ] && [ "$other" != "$data/reference-seed$r.tsv" ]; then
      node "$here/../dist/notes-compare.js" --dir "$data" --seed "$s" --reference "$data/reference-seed$r.tsv" --reference-b "$other"
    else
      node "$here/../dist/notes-compare.js" --dir "$data" --seed "$s" --reference "$data/reference-seed$r.tsv"
    fi
  done
done
