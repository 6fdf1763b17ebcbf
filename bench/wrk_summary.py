#!/usr/bin/env python3
"""Medians and ratios of the wrk runs recorded by bench/lib.sh (hx_wrk).

    wrk_summary.py RESULTS_TSV 'title|label_a|server_a|label_b|server_b|goal[|p99_goal]' ...

For each pair: the median req/s, p99 and server CPU per request of side a and side b over
their runs, the ratio of the medians a/b of req/s (and b/a of CPU per request, so that for
both "1.0" is parity and less is worse for a), the ratio a/b of the median p99, and whether
the req/s ratio >= goal (and, when p99_goal is given, the p99 ratio <= p99_goal). Any
response of status >= 400 or socket error in a run is shown, since it would make a req/s
figure meaningless. Prints a Markdown table.
"""
import statistics
import sys
from collections import defaultdict


def main():
    runs = defaultdict(list)
    with open(sys.argv[1]) as tsv:
        for line in tsv:
            (label, server, _run, rps, _p50, p99, _requests, status_errors, socket_errors,
             cpu_us) = line.split()
            runs[(label, server)].append({
                "rps": float(rps), "p99": float(p99), "cpu": float(cpu_us),
                "errors": int(status_errors) + int(socket_errors)})

    print("| comparison | a | req/s | p99 ms | CPU µs/req | b | req/s | p99 ms | CPU µs/req "
          "| a/b req/s | b/a CPU | a/b p99 | goal | met |")
    print("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for spec in sys.argv[2:]:
        fields = spec.split("|")
        title, label_a, server_a, label_b, server_b, goal = fields[:6]
        p99_goal = float(fields[6]) if len(fields) > 6 else None
        a, b = runs[(label_a, server_a)], runs[(label_b, server_b)]
        if not a or not b:
            print(f"| {title} | no runs | | | | | | | | | | | | |")
            continue

        def median(side, key):
            return statistics.median(r[key] for r in side)

        ratio = median(a, "rps") / median(b, "rps")
        cpu_ratio = median(b, "cpu") / median(a, "cpu") if median(a, "cpu") else float("nan")
        errors = sum(r["errors"] for r in a) + sum(r["errors"] for r in b)
        p99_ratio = median(a, "p99") / median(b, "p99") if median(b, "p99") else float("nan")
        met_rps = ratio >= float(goal)
        met_p99 = p99_goal is None or p99_ratio <= p99_goal
        met = "yes" if met_rps and met_p99 else "no"
        if met_rps and not met_p99:
            met += " (p99)"
        goal_text = f"≥ {float(goal):.2f}" + (f", p99 ≤ {p99_goal:g}×" if p99_goal else "")
        if errors:
            met += f" (but {errors} error responses)"
        print(f"| {title} | {label_a}@{server_a} (n={len(a)}) | {median(a, 'rps'):,.0f} "
              f"| {median(a, 'p99'):.2f} | {median(a, 'cpu'):.1f} "
              f"| {label_b}@{server_b} (n={len(b)}) | {median(b, 'rps'):,.0f} "
              f"| {median(b, 'p99'):.2f} | {median(b, 'cpu'):.1f} "
              f"| {ratio:.3g} | {cpu_ratio:.3g} | {p99_ratio:.3g} | {goal_text} | {met} |")


if __name__ == "__main__":
    main()
