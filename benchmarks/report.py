#!/usr/bin/env python3
"""Turns JMH JSON results (benchmarks/run.sh) into the markdown tables of docs/benchmarks.md.

    python3 benchmarks/report.py benchmarks/results/all.json [more.json ...]
"""
import json
import sys


def fmt(value, digits=None):
    if isinstance(value, str):  # JMH writes "NaN" for an error it cannot compute (one sample)
        try:
            value = float(value)
        except ValueError:
            return value
    if value is None or value != value:  # NaN
        return "n/a"
    if digits is None:
        digits = 0 if abs(value) >= 100 else (1 if abs(value) >= 10 else 2)
    return f"{value:,.{digits}f}"


def main(paths):
    rows = []
    for path in paths:
        with open(path) as f:
            rows.extend(json.load(f))
    by_class = {}
    for r in rows:
        cls, method = r["benchmark"].rsplit(".", 1)
        by_class.setdefault(cls.rsplit(".", 1)[1], []).append((method, r))
    for cls, entries in by_class.items():
        print(f"\n### {cls}\n")
        extra_alloc = any("gc.alloc.rate.norm" in r.get("secondaryMetrics", {}) for _, r in entries)
        caller = any("callerBytes" in r.get("secondaryMetrics", {}) for _, r in entries)
        header = ["benchmark", "params", "score", "± error (99.9%)", "unit", "samples"]
        if extra_alloc:
            header.append("B/op, all threads (gc.alloc.rate.norm)")
        if caller:
            header.append("B/op, caller thread")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for method, r in entries:
            p = r["primaryMetric"]
            params = ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items()) or "-"
            threads = r.get("threads", 1)
            name = method if threads == 1 or method.endswith("threads") else f"{method} ({threads} threads)"
            cells = [name, params, fmt(p["score"]), fmt(p.get("scoreError")), p["scoreUnit"], str(len(p.get("rawData", [[]])[0]) * len(p.get("rawData", [])))]
            sec = r.get("secondaryMetrics", {})
            if extra_alloc:
                m = sec.get("gc.alloc.rate.norm")
                cells.append(fmt(m["score"]) if m else "-")
            if caller:
                b, c = sec.get("callerBytes"), sec.get("calls")
                cells.append(fmt(b["score"] / c["score"]) if b and c and c["score"] else "-")
            print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
