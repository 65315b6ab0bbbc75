"""How fast is the snippet phase? Run on demand: python benchmarks/snippet_speed.py

Times the project's own CPU examples three ways, each from a cold start
(a new interpreter that must import torch and NumPy):

  harness      the real thing: one zygote, a forked and compared child per example,
               as many at a time as there are cores
  in-process   one interpreter exec()s every example in turn: no isolation, no checks
  per-process  `python example.py` once per example: isolation the slow way

and prints the ratios. Timings are the best of --repeat runs.

With --corpus it also times the harness against in-process exec on the doctests
shipped in torch and NumPy (see doctest_corpus.py; files that compute for over
half a second in-process are left out, as they measure torch, not the harness).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import doctest_corpus as corpus  # noqa: E402

from array_examples.isolation import Zygote  # noqa: E402
from array_examples.preloads import static_imports  # noqa: E402
from array_examples.snippets import examples_in_file, unmet_requirement  # noqa: E402

# Each example runs the statements the harness runs, past its documented exceptions (see corpus.RUN_FILE).
IN_PROCESS = (
    corpus.RUN_FILE
    + """
import sys, json
import numpy, torch
for source, raising in json.load(sys.stdin):
    run_file(source, raising)
"""
)


def cpu_examples():
    import numpy
    import torch

    facts = {"numpy": numpy.__version__, "cuda_build": torch.version.cuda is not None}
    found = []
    for path in sorted((ROOT / "snippets").glob("*.py")):
        for example in examples_in_file(path, path.relative_to(ROOT).as_posix()):
            if example.device == "cpu" and not unmet_requirement(example.requires, facts):
                found.append(example)
    return found


def time_harness(examples) -> float:
    start = time.perf_counter()
    zygote = Zygote()
    # As the pytest plugin does: the zygote imports what the examples import, then gets everything at once,
    # and the results are collected in order.
    zygote.preload = static_imports(examples)
    for request_id in zygote.submit_all(examples):
        result = zygote.result(request_id)
        assert not result["problems"], result["problems"]  # a failing suite would be timed wrongly
    zygote.close()
    return time.perf_counter() - start


def time_in_process(examples) -> float:
    import json

    with tempfile.TemporaryDirectory() as folder:  # examples write files, as in the harness's own temp dirs
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", IN_PROCESS],
            input=json.dumps([corpus.plain_run(e) for e in examples]),
            text=True,
            check=True,
            capture_output=True,
            cwd=folder,
        )
        return time.perf_counter() - start


def time_per_process(examples) -> float:
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for number, example in enumerate(examples):
            file = Path(folder) / f"example_{number}.py"
            file.write_text(example.source)
            files.append(file)
        start = time.perf_counter()
        for file in files:
            subprocess.run([sys.executable, str(file)], capture_output=True, cwd=folder)
        return time.perf_counter() - start


def corpus_ratio(repeat: int) -> None:
    """The harness against in-process exec on the torch and NumPy doctest corpus."""
    kept = []
    with tempfile.TemporaryDirectory() as folder:
        for package in sorted(corpus.MODULES):
            for name, test in corpus.find_docstrings(package)[0]:
                converted = corpus.convert(name, package, test)
                if not converted.skipped:
                    converted.path = f"{folder}/{package}/{name}.py"
                    kept.append(converted)
        _, crashed, seconds = corpus.time_in_process(kept, corpus.TIMEOUT)
        timed = [c for c in kept if c.path not in crashed and seconds[c.path] <= 0.5]
        harness = min((corpus.run_harness(timed, corpus.TIMEOUT)[1] for _ in range(repeat)), key=lambda t: t["wall_s"])
        plain = min((corpus.time_in_process(timed, corpus.TIMEOUT)[0] for _ in range(repeat)), key=lambda t: t["wall_s"])
    print(f"\ncorpus: {len(timed)} files converted from the torch and NumPy doctests, best of {repeat} runs")
    for label, times in (("harness (forked, compared):", harness), ("plain in-process exec:", plain)):
        print(f"  {label:28s}{times['wall_s']:7.2f} s   ({times['user_s']:.2f} s user, {times['system_s']:.2f} s system)")
    print(f"corpus harness / in-process: {harness['wall_s'] / plain['wall_s']:6.2f}x   (floor: at most 3x)")
    print(f"  in CPU time (user + system): {corpus.cpu(harness) / corpus.cpu(plain):6.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each way; the best is kept (default 3)")
    parser.add_argument("--corpus", action="store_true", help="also time the torch and NumPy doctest corpus")
    parser.add_argument("--no-per-process", action="store_true", help="skip the slow one-process-per-example way")
    args = parser.parse_args()
    examples = cpu_examples()
    harness = min(time_harness(examples) for _ in range(args.repeat))
    in_process = min(time_in_process(examples) for _ in range(args.repeat))
    per_process = None if args.no_per_process else min(time_per_process(examples) for _ in range(max(1, args.repeat - 2)))
    count = len(examples)
    print(f"{count} CPU examples, best of {args.repeat} runs")
    print(f"  harness (forked, compared): {harness:7.2f} s")
    print(f"  plain in-process exec:      {in_process:7.2f} s")
    if per_process:
        print(f"  one process per example:    {per_process:7.2f} s")
    print(f"harness / in-process:   {harness / in_process:6.2f}x   (floor: at most 1.3x)")
    if per_process:
        print(f"per-process / harness:  {per_process / harness:6.1f}x   (floor: at least 20x)")
    print(f"harness overhead:       {1000 * (harness - in_process) / count:6.1f} ms per example   (floor: under 25 ms)")
    if args.corpus:
        corpus_ratio(args.repeat)


if __name__ == "__main__":
    main()
