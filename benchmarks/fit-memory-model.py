#!/usr/bin/python3
"""Fits the format registry's memory factors to the task peaks that imgopt-memory-model measured.

usage: fit-memory-model.py MEASUREMENTS.json [--table]

The model is the one in src/core/batch_sizer.hpp: with D the decoded frame's bytes and P the output's pixels,
    estimate = T + decode(in) * D + encode(out) * 4P + smallFrame(out) * min(P, S)
                 + colour(out) * min(P, 256**min(bands, 3), C) + alpha(out) * P [with alpha]
It is linear in the factors, so the best fit is a linear programme: the smallest t such that every estimate
is at least its measured peak and at most t times it. scipy (Debian python3-scipy, which python3-skimage brings)
solves it. Prints the factors as registry values, then, with --table, each measurement against its estimate as
a Markdown table for docs/benchmarks.md."""
import json
import math
import sys

import numpy as np
from scipy.optimize import linprog

T = 2.0 * 1024 * 1024      # kTaskFixedBytes
S = 4194304                # kSmallFramePixels
C = 917504                 # kColourCap
KEYS = ["decode", "encode", "smallFrame", "colour", "alpha"]


def terms(m):
    fin = m["input"]
    fout = fin if m["output"] == "original" else m["output"]
    p = m["width"] * m["height"]
    return fin, fout, {"decode": p * m["bands"], "encode": 4.0 * p, "smallFrame": min(p, S),
                       "colour": min(p, 256 ** min(m["bands"], 3), C),
                       "alpha": p if m["bands"] in (2, 4) else 0.0}


def fit(measured):
    formats = sorted({terms(m)[0] for m in measured} | {terms(m)[1] for m in measured})
    index = {(f, k): i for i, (f, k) in enumerate((f, k) for f in formats for k in KEYS)}
    n = len(index) + 1  # the factors, then t
    a, b = [], []
    for m in measured:
        fin, fout, t = terms(m)
        row = np.zeros(n)
        row[index[(fin, "decode")]] += t["decode"]
        for k in KEYS[1:]:
            row[index[(fout, k)]] += t[k]
        a.append(-row)                      # estimate >= peak
        b.append(T - m["peakBytes"])
        upper = row.copy()
        upper[-1] = -m["peakBytes"]         # estimate <= t * peak
        a.append(upper)
        b.append(-T)
    cost = np.zeros(n)
    cost[-1] = 1.0
    result = linprog(cost, A_ub=np.array(a), b_ub=np.array(b), bounds=[(0, None)] * n, method="highs")
    if not result.success:
        sys.exit(f"fit-memory-model: no fit ({result.message})")
    # Rounded up to the registry's three decimals, so that no estimate falls below its peak by rounding.
    factors = {f: {k: math.ceil(float(result.x[index[(f, k)]]) * 1000 - 1e-6) / 1000 for k in KEYS}
               for f in formats}
    return factors, float(result.x[-1])


def estimate(m, factors):
    fin, fout, t = terms(m)
    return T + factors[fin]["decode"] * t["decode"] + sum(factors[fout][k] * t[k] for k in KEYS[1:])


def main():
    measured = json.load(open(sys.argv[1]))["measurements"]
    factors, worst = fit(measured)
    print("registry values (decode, encode, smallFrame, colour, alpha):")
    for f, v in factors.items():
        print(f"  {f:5} {v['decode']:.3f}, {v['encode']:.3f}, {v['smallFrame']:.3f}, {v['colour']:.3f}, "
              f"{v['alpha']:.3f}")
    ratios = [estimate(m, factors) / m["peakBytes"] for m in measured]
    print(f"estimate / measured peak: {min(ratios):.2f} to {max(ratios):.2f} (the fit's bound {worst:.2f})")
    if "--table" in sys.argv:
        print("\n| input | output | pixels | bands | measured peak MB | estimate MB | ratio |")
        print("|---|---|---|---|---|---|---|")
        for m, r in zip(measured, ratios):
            print(f"| {m['input']} | {m['output']} | {m['width']}x{m['height']} | {m['bands']} | "
                  f"{m['peakBytes'] / 1e6:.1f} | {estimate(m, factors) / 1e6:.1f} | {r:.2f} |")


main()
