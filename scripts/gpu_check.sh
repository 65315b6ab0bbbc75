#!/usr/bin/env bash
# Run every GPU (`# requires: cuda`) example on a machine with a CUDA GPU, then record its outputs.
#
# Usage: bash scripts/gpu_check.sh [OUTPUT_FOLDER]      (default: gpu-check/, or $OUT where that is set)
# Wheels in .whl/ (this project's own, built with `python -m build --wheel --outdir .whl`, and pytest-codeblocks)
# are installed first into a private folder, for a machine that has torch but cannot reach a package index.
# It writes there: check.log (the examples as documented), update.log (--update-expected),
# recheck.log (the rewritten files checked again) and gpu.diff (what the update changed in snippets/).
set -uo pipefail
out="${1:-${OUT:-gpu-check}}"
mkdir -p "$out"
if compgen -G ".whl/*.whl" >/dev/null; then
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/array-examples-site .whl/*.whl || exit
    export PYTHONPATH=/tmp/array-examples-site${PYTHONPATH:+:$PYTHONPATH}
fi
{
    nvidia-smi -L
    python3 -c "import sys, numpy, torch; print(sys.version.split()[0], 'numpy', numpy.__version__, 'torch', torch.__version__, 'cuda', torch.version.cuda, torch.cuda.is_available())"
} 2>&1 | tee "$out/versions.txt"
before=$(mktemp -d)
cp -r snippets "$before/"
python3 -m pytest -p no:cacheprovider snippets --devices cuda -rA 2>&1 | tee "$out/check.log"
python3 -m pytest -p no:cacheprovider snippets --devices cuda --update-expected -rA 2>&1 | tee "$out/update.log"
diff -ru "$before/snippets" snippets >"$out/gpu.diff"
python3 -m pytest -p no:cacheprovider snippets --devices cuda -rA 2>&1 | tee "$out/recheck.log"
