"""Wall and CPU time of the harness against scipy-doctest on an installed package's docstrings, side by side.

    python benchmarks/docstring_speed.py --python /tmp/venv/bin/python --package scipy \
        --subpackages linalg interpolate --harness after=src before=/tmp/base/src --rounds 2

Each round runs scipy-doctest (`pytest --doctest-modules --doctest-only-doctests=true`, with the package's own
conftest) and the harness (`pytest --array-doctest-modules`) once for each plugin source given, on the same
files (the subpackages' modules, their tests/ left out), in an order that alternates between rounds. CPU time is
user + system of the run and every process it waited for (the zygote and its children included). The `python`
must have the package, scipy-doctest and the plugin installed; each harness source goes first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def docstring_files(python: str, package: str, subpackages: list[str]) -> tuple[Path, list[str]]:
    """The package's folder and the modules of its subpackages, less their tests."""
    found = subprocess.run(
        [python, "-c", f"import {package}; print({package}.__file__)"], capture_output=True, text=True, check=True
    )
    root = Path(found.stdout.strip()).parent
    files = [str(path) for name in subpackages for path in sorted((root / name).rglob("*.py")) if "tests" not in path.parts]
    return root, files


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run `command`; return its wall time, its CPU time (children included) and pytest's summary line."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall, after = time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    lines = done.stdout.strip().splitlines()
    return wall, cpu, lines[-1] if lines else done.stderr[-300:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", required=True)
    parser.add_argument("--package", default="scipy")
    parser.add_argument("--subpackages", nargs="+", required=True)
    parser.add_argument("--harness", nargs="+", required=True, help="NAME=SRC: a plugin source to run the harness from")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    root, files = docstring_files(args.python, args.package, args.subpackages)
    common = [args.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--rootdir={root}", *files]
    runs = {"scipy-doctest": (common + ["--doctest-modules", "--doctest-only-doctests=true"], dict(os.environ))}
    for given in args.harness:
        name, src = given.split("=", 1)
        env = dict(os.environ, PYTHONPATH=str(Path(src).resolve()))
        runs[f"harness {name}"] = (common + ["-p", "no:scipy_doctest", "--array-doctest-modules"], env)
    print(f"{len(files)} modules of {args.package}.{{{','.join(args.subpackages)}}}; load average at start {os.getloadavg()}")
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for round_number in range(args.rounds):
        order = list(runs) if round_number % 2 == 0 else list(reversed(runs))
        for name in order:
            wall, cpu, summary = timed(*runs[name])
            results[name].append((wall, cpu))
            print(
                f"round {round_number + 1} {name:<16} wall {wall:7.1f} s  cpu {cpu:7.1f} s  load {os.getloadavg()[0]:.1f}  {summary}",
                flush=True,
            )
    baseline = results["scipy-doctest"]
    for name, measured in results.items():
        walls = [wall / base[0] for (wall, _), base in zip(measured, baseline)]
        cpus = [cpu / base[1] for (_, cpu), base in zip(measured, baseline)]
        shown = ", ".join(f"{wall:.2f} wall, {cpu:.2f} cpu" for wall, cpu in zip(walls, cpus))
        print(f"{name:<16} ratio to scipy-doctest per round: {shown}")


if __name__ == "__main__":
    sys.exit(main())
