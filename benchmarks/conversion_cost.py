"""What each conversion costs as arrays grow. Run on demand:

    python benchmarks/conversion_cost.py              # prints a table, redraws docs/assets/conversion-cost.svg
    python benchmarks/conversion_cost.py --threads 1  # the same with one torch thread

The caption records what the timings depend on: versions, CPU model, torch's thread count and
the machine's load average when the run started. Torch's copies use several threads, and on a
busy machine they can be a hundred times slower than with one thread, so measure on an idle one.

Zero-copy conversions should stay flat; copies grow with the number of bytes.
The chart is drawn as plain SVG so the site needs no plotting library.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import timeit
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
CHART = ROOT / "docs" / "assets" / "conversion-cost.svg"
SIZES = [10**3, 10**4, 10**5, 10**6, 10**7]  # float32 elements


def conversions(size: int) -> dict:
    array = np.ones(size, dtype=np.float32)
    tensor = torch.ones(size)
    ways = {
        "torch.from_numpy(a)": lambda: torch.from_numpy(array),
        "t.numpy()": lambda: tensor.numpy(),
        "torch.tensor(a)": lambda: torch.tensor(array),
        "t.to(torch.float64)": lambda: tensor.to(torch.float64),
    }
    if torch.cuda.is_available():
        ways['t.to("cuda")'] = lambda: tensor.to("cuda")
    return ways


def seconds(call) -> float:
    """Best of five, each averaged over enough calls to last about 20 ms."""
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=max(1, number // 10))) / max(1, number // 10)


def measure() -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    for size in SIZES:
        for name, call in conversions(size).items():
            results.setdefault(name, []).append(seconds(call))
    return results


COLOURS = ["#1565c0", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00"]


def draw(results: dict[str, list[float]], caption: str) -> str:
    """A log-log line chart: elements on x, microseconds on y."""
    width, height, left, right, top, bottom = 760, 420, 80, 230, 30, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    micro = {name: [t * 1e6 for t in times] for name, times in results.items()}
    low = math.floor(math.log10(min(min(v) for v in micro.values())))
    high = math.ceil(math.log10(max(max(v) for v in micro.values())))

    def x(size):
        return left + plot_w * (math.log10(size) - math.log10(SIZES[0])) / (math.log10(SIZES[-1]) - math.log10(SIZES[0]))

    def y(us):
        return top + plot_h * (high - math.log10(us)) / (high - low)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="title" font-family="sans-serif" font-size="13">',
        f'<title id="title">Time per conversion against array size. {caption}</title>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for power in range(low, high + 1):
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(10**power):.1f}" y2="{y(10**power):.1f}" stroke="#dddddd"/>')
        parts.append(
            f'<text x="{left - 8}" y="{y(10**power) + 4:.1f}" text-anchor="end" fill="#333333">10<tspan dy="-6" font-size="10">{power}</tspan></text>'
        )
    for size in SIZES:
        parts.append(
            f'<text x="{x(size):.1f}" y="{top + plot_h + 20}" text-anchor="middle" fill="#333333">10<tspan dy="-6" font-size="10">{round(math.log10(size))}</tspan></text>'
        )
    parts.append(f'<text x="{left + plot_w / 2}" y="{height - 15}" text-anchor="middle" fill="#333333">float32 elements</text>')
    parts.append(
        f'<text transform="translate(20 {top + plot_h / 2}) rotate(-90)" text-anchor="middle" fill="#333333">microseconds per call</text>'
    )
    for index, (name, values) in enumerate(micro.items()):
        colour = COLOURS[index % len(COLOURS)]
        points = " ".join(f"{x(s):.1f},{y(v):.1f}" for s, v in zip(SIZES, values, strict=True))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        legend_y = top + 10 + index * 22
        parts.append(
            f'<line x1="{left + plot_w + 15}" x2="{left + plot_w + 35}" y1="{legend_y}" y2="{legend_y}" stroke="{colour}" stroke-width="2.5"/>'
        )
        parts.append(f'<text x="{left + plot_w + 40}" y="{legend_y + 4}" fill="#333333" font-family="monospace">{name}</text>')
    parts.append(f'<text x="{left}" y="{top - 10}" fill="#333333">{caption}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, or what `platform` knows where there is none."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, help="torch's intra-op thread count (default: torch's own)")
    threads = parser.parse_args().threads
    if threads:
        torch.set_num_threads(threads)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    results = measure()
    print("elements".ljust(22) + "".join(f"{size:>12,}" for size in SIZES))
    for name, times in results.items():
        print(name.ljust(22) + "".join(f"{t * 1e6:>10.1f}us" for t in times))
    caption = (
        f"torch {torch.__version__}, NumPy {np.__version__}, {cpu_model()}, "
        f"{torch.get_num_threads()} torch threads, load average {load:.1f} at the start, best of 5"
    )
    print(caption)
    CHART.parent.mkdir(parents=True, exist_ok=True)
    CHART.write_text(draw(results, caption))
    print(f"chart written to {CHART.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
