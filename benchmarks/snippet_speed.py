"""How fast is the snippet phase? Run on demand: python benchmarks/snippet_speed.py

Times the project's own CPU examples three ways, each from a cold start
(a new interpreter that must import torch and NumPy):

  harness      the real thing: one zygote, a forked and compared child per example,
               as many at a time as there are cores
  in-process   one interpreter exec()s every example in turn: no isolation, no checks
  per-process  `python example.py` once per example: isolation the slow way

and prints the ratios. Timings are the best of --repeat runs.
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

from array_examples.isolation import Zygote  # noqa: E402
from array_examples.snippets import examples_in_file, unmet_requirement  # noqa: E402

IN_PROCESS = """
import sys, json
import numpy, torch
for source in json.load(sys.stdin):
    try:
        exec(compile(source, "example", "exec"), {"__name__": "__main__"})
    except Exception:
        pass  # documented exceptions end a plain run early; that only makes this baseline faster
"""


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
    # As the pytest plugin does: send everything, then collect the results in order.
    for request_id in zygote.submit_all(examples):
        result = zygote.result(request_id)
        assert not result["problems"], result["problems"]  # a failing suite would be timed wrongly
    zygote.close()
    return time.perf_counter() - start


def time_in_process(examples) -> float:
    import json

    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", IN_PROCESS],
        input=json.dumps([e.source for e in examples]),
        text=True,
        check=True,
        capture_output=True,
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each way; the best is kept (default 3)")
    args = parser.parse_args()
    examples = cpu_examples()
    harness = min(time_harness(examples) for _ in range(args.repeat))
    in_process = min(time_in_process(examples) for _ in range(args.repeat))
    per_process = min(time_per_process(examples) for _ in range(max(1, args.repeat - 2)))
    count = len(examples)
    print(f"{count} CPU examples, best of {args.repeat} runs")
    print(f"  harness (forked, compared): {harness:7.2f} s")
    print(f"  plain in-process exec:      {in_process:7.2f} s")
    print(f"  one process per example:    {per_process:7.2f} s")
    print(f"harness / in-process:   {harness / in_process:6.2f}x   (floor: at most 1.3x)")
    print(f"per-process / harness:  {per_process / harness:6.1f}x   (floor: at least 20x)")
    print(f"harness overhead:       {1000 * (harness - in_process) / count:6.1f} ms per example   (floor: under 25 ms)")


if __name__ == "__main__":
    main()
