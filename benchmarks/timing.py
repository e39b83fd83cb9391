"""What the benchmarks share: the median of several timed runs after one untimed warm-up."""

from __future__ import annotations

import statistics
import time


def median_ms(fn, runs: int) -> float:
    """The median milliseconds of ``runs`` calls of ``fn``, after one call to warm caches and pools."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000
