#!/usr/bin/env python3
"""The tables and ratios of scripts/bench.sh: report.py RESULTS.tsv KEY=ROWS:BYTES,... STAGES.tsv"""
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
stage_rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[3]) if l.strip()]
meta = {}
for item in filter(None, sys.argv[2].split(",")):
    k, v = item.split("=")
    n, b = v.split(":")
    meta[k] = (int(n), int(b))
keys = list(dict.fromkeys(r[0] for r in rows))
med = {}
for key in keys:
    for tool in dict.fromkeys(r[1] for r in rows if r[0] == key):
        rs = [r for r in rows if r[0] == key and r[1] == tool]
        # GNU time reports 10 ms steps; clamp so ratios of tiny runs stay finite
        m = lambda i: max(statistics.median(float(r[i]) for r in rs), 0.01)
        med[key, tool] = dict(n=len(rs), wall=m(2), best=min(float(r[2]) for r in rs), user=m(3), sys=m(4),
                              cpu=max(statistics.median(float(r[3]) + float(r[4]) for r in rs), 0.01), rss=m(5) * 1024,
                              walls=[max(float(r[2]), 0.01) for r in rs])
unit = {"accounts": "account", "removals": "account", "vehicles": "vehicle", "exams": "enrollment",
        "licences": "licence", "violations": "violation"}
out = ["| stage | size | rows | input MB | tool | runs | wall s | best wall s | user s | sys s | CPU s | peak RSS MB | RSS B/row | MB/s |",
       "|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for (key, tool), v in med.items():
    n, b = meta[key]
    stage, size = key.split("/")
    mbs = "" if tool == "jgpipe-all4" else f"{b / 1e6 / v['wall']:.0f}"  # all4 reads more than these bytes
    out.append(f"| {stage} | {size} | {n:,} | {b / 1e6:.0f} | {tool} | {v['n']} | {v['wall']:.2f} | {v['best']:.2f} | {v['user']:.2f} "
               f"| {v['sys']:.2f} | {v['cpu']:.2f} | {v['rss'] / 2**20:.0f} | {v['rss'] / n:.0f} | {mbs} |")
ratios = []
ok = lambda b: "meets target" if b else "MISSES target"
for key in keys:
    stage, size = key.split("/")
    j, d, c = med.get((key, "jgpipe")), med.get((key, "duckdb")), med.get((key, "libcsv"))
    n = meta[key][0]
    if j and d:
        w, r, bpr = j["wall"] / d["wall"], j["rss"] / d["rss"], j["rss"] / n
        # Each round's two runs ran back to back: their ratio is steadier under shared load than the medians'.
        paired = [x / y for x, y in zip(j["walls"], d["walls"])]
        line = (f"- {key}: jgpipe/DuckDB wall **{w:.2f}x** (target <= 0.5: {ok(w <= 0.5)}; per round "
                f"{', '.join(f'{x:.2f}' for x in paired)}), peak RSS **{r:.2f}x**")
        if stage in ("accounts", "vehicles", "licences", "violations"):
            line += f" (target <= 0.5: {ok(r <= 0.5)})"
        if stage == "accounts":
            line += f", jgpipe **{bpr:.0f} B/account** (target < 300: {ok(bpr < 300)})"
        else:
            line += f", jgpipe {bpr:.0f} B/{unit[stage]}"
        ratios.append(line + f", CPU {j['cpu'] / d['cpu']:.2f}x")
    wb = med.get((key, "jgpipe-wb"))
    if j and wb:
        # SPEC §6 / issue #15: the workbooks may add at most 25 % to the run's wall time.
        added = [x / y - 1 for x, y in zip(wb["walls"], j["walls"])]
        w = wb["wall"] / j["wall"] - 1
        ratios.append(f"- {key}: the detachment workbooks add **{w:+.0%}** wall (bound <= +25 %: {ok(w <= 0.25)}; "
                      f"per round {', '.join(f'{x:+.0%}' for x in added)}), CPU {wb['cpu'] / j['cpu'] - 1:+.0%}, "
                      f"peak RSS {wb['rss'] / j['rss'] - 1:+.0%}")
    if j and c:
        ratios.append(f"- {key}: jgpipe wall = {j['wall'] / c['wall']:.1f}x a raw libcsv parse of the same files")
    elif d and c:
        ratios.append(f"- {key}: DuckDB wall = {d['wall'] / c['wall']:.1f}x a raw libcsv parse of the same files")
# Bounded memory: jgpipe's peak RSS at the largest vehicle size against the smallest.
veh = sorted((meta[k][0], k) for k in keys if k.startswith("vehicles/") and (k, "jgpipe") in med)
if len(veh) > 1:
    (n0, k0), (n1, k1) = veh[0], veh[-1]
    g = med[k1, "jgpipe"]["rss"] / med[k0, "jgpipe"]["rss"]
    ratios.append(f"- vehicles: jgpipe peak RSS at {k1.split('/')[1]} = **{g:.2f}x** the peak at {k0.split('/')[1]} "
                  f"({n1 / n0:.1f}x the rows; target <= 1.25: {ok(g <= 1.25)})")
stage_names = ["parse CPU", "read units", "read main file", "rules and writing", "outputs", "manifest", "whole run"]
stage_out = []
for key in keys:
    rs = [r for r in stage_rows if r[0] == key]
    if not rs:
        continue
    ms = [statistics.median(int(r[i]) for r in rs) for i in range(1, 8)]
    if not stage_out:
        stage_out = ["jgpipe's own log, medians in ms (read = decode, parse and validate on both cores; rules and writing = "
                     "the rest of the stage):", "",
                     "| stage/size | " + " | ".join(stage_names) + " |", "|---|" + "---:|" * len(stage_names)]
    stage_out.append(f"| {key} | " + " | ".join(f"{v:.0f}" for v in ms) + " |")
    c = med.get((key, "libcsv"))
    if c and key.startswith("accounts/"):
        ratio = ms[0] / 1000 / c["cpu"]
        ratios.append(f"- {key}: jgpipe's parse stage (`parse_cpu_ms`, both files) = **{ratio:.2f}x** the raw libcsv parse's CPU "
                      f"(target <= 2: {'meets target' if ratio <= 2 else 'MISSES target'})")
print("\n".join(out + [""] + ratios + ([""] + stage_out if stage_out else [])))
