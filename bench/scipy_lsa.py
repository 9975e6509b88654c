#!/usr/bin/env python3
"""SciPy's linear_sum_assignment on the same matrix file as bench/solve.mjs.

    python3 bench/scipy_lsa.py matrix.f64 N RUNS

Only the solve is timed; prints {"total": ..., "seconds": [...], "scipy": version}.
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment


def main() -> None:
    path, n, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    cost = np.fromfile(path, dtype="<f8").reshape(n, n)
    seconds = []
    total = None
    for _ in range(runs):
        start = time.perf_counter()
        rows, cols = linear_sum_assignment(cost)
        seconds.append(time.perf_counter() - start)
        run_total = float(cost[rows, cols].sum())
        if total is not None and run_total != total:
            raise SystemExit("scipy: total changed between runs")
        total = run_total
    print(json.dumps({"total": total, "seconds": seconds, "scipy": scipy.__version__}))


if __name__ == "__main__":
    main()
