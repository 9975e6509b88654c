#!/usr/bin/env python3
"""SciPy's linear_sum_assignment, two ways.

    python3 bench/scipy_lsa.py matrix.f64 N RUNS
        the same matrix file as bench/solve.mjs; only the solve is timed;
        prints {"total": ..., "seconds": [...], "scipy": version}

    python3 bench/scipy_lsa.py --generate N SEED
        the reference for `remedi pair`: this whole process is what the bench times
        (Python start-up, importing NumPy and SciPy, generating a dense N x N matrix of
        random integers uniform in [0, 1e6), one solve); prints {"total": ..., "seconds": solve}
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment


def generate(n: int, seed: int) -> None:
    cost = np.random.default_rng(seed).integers(0, 1_000_000, size=(n, n)).astype(np.float64)
    start = time.perf_counter()
    rows, cols = linear_sum_assignment(cost)
    seconds = time.perf_counter() - start
    print(json.dumps({"total": float(cost[rows, cols].sum()), "seconds": seconds, "scipy": scipy.__version__}))


def main() -> None:
    if sys.argv[1] == "--generate":
        generate(int(sys.argv[2]), int(sys.argv[3]))
        return
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
