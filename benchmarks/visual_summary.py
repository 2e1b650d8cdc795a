#!/usr/bin/python3
"""Summarises a visual-quality.sh run: RESULTS/runs.tsv, the ImgOpt reports and the quality.py outputs;
writes RESULTS/results.json and RESULTS/results.md (the tables of docs/benchmarks.md, "Quality auto").
usage: visual_summary.py RESULTS REPS"""
import csv, datetime, glob, json, os, statistics, sys

res, reps = sys.argv[1], int(sys.argv[2])
rows = list(csv.DictReader(open(os.path.join(res, "runs.tsv")), delimiter="\t"))
for r in rows:
    for k in ("wall", "user", "sys", "load1"): r[k] = float(r[k])
    for k in ("maxrss_kb", "out_bytes", "photo_bytes"): r[k] = int(r[k])
JOBS = ["sharp", "fixed", "high", "balanced", "small"]
LABEL = {"sharp": "sharp q90 (old app)", "fixed": "ImgOpt q90", "high": "ImgOpt auto (high)",
         "balanced": "ImgOpt auto (balanced)", "small": "ImgOpt auto (small)"}
TARGET = 0.96
O6 = "special/orient6.jpg"

def runs(s, job): return [r for r in rows if r["set"] == s and r["job"] == job]
def med(xs): return statistics.median(xs) if xs else None

def quality(s, job):
    """quality.py's rows, with orient6 (ImgOpt writes it upright) scored against an upright copy."""
    p = os.path.join(res, f"quality-{s}-{job}.json")
    if not os.path.exists(p): return None
    q = [r for r in json.load(open(p))["rows"] if "ssim" in r]
    o6 = os.path.join(res, f"quality-orient6-upright-{job}.json")
    if s.startswith("corpus") and job != "sharp" and os.path.exists(o6):
        upright = [r["ssim"] for r in json.load(open(o6))["rows"] if "ssim" in r]
        for r in q:
            if r["file"] == O6 and upright: r["ssimAsShown"], r["ssim"] = r["ssim"], upright[0]
    return q

def job_summary(s, job):
    rr = runs(s, job)
    if not rr: return None
    q = quality(s, job)
    out = {"runs": len(rr), "wallMedian": med([r["wall"] for r in rr]), "cpuMedian": med([r["user"] + r["sys"] for r in rr]),
           "peakRssMb": med([r["maxrss_kb"] / 1024 for r in rr]), "outBytes": rr[-1]["out_bytes"],
           "photoBytes": rr[-1]["photo_bytes"], "loadMedian": med([r["load1"] for r in rr])}
    if q:
        ssims = [r["ssim"] for r in q]
        out.update({"minSsim": min(ssims), "meanSsim": sum(ssims) / len(ssims), "compared": len(q),
                    "below": sorted((r["file"], r["ssim"]) for r in q if r["ssim"] < TARGET)})
    reports = sorted(glob.glob(os.path.join(res, "reports", f"{s}-{job}-*.json")))
    if reports:
        rep = json.load(open(reports[-1]))["summary"]
        out.update({"engineMinScore": rep.get("minScore"), "engineMeanScore": rep.get("meanScore"),
                    "searchSeconds": rep.get("searchSeconds"), "keptOriginal": rep.get("keptOriginal")})
    return out

def ratios(s):
    """Per repetition, the alternating runs of the same minutes."""
    by = {job: {r["rep"]: r for r in runs(s, job)} for job in ("sharp", "fixed", "high")}
    common = sorted(set(by["sharp"]) & set(by["high"]) & set(by["fixed"]))
    return {"highOverSharpWall": [by["high"][k]["wall"] / by["sharp"][k]["wall"] for k in common],
            "fixedOverSharpWall": [by["fixed"][k]["wall"] / by["sharp"][k]["wall"] for k in common],
            "highOverFixedWall": [by["high"][k]["wall"] / by["fixed"][k]["wall"] for k in common]}

def within_fixed(s):
    """Bytes of fixed q90 and auto high over the files where fixed q90 already meets SSIM >= 0.96: the
    comparison at equal quality (elsewhere auto spends bytes that fixed q90 saves by falling below it)."""
    qf, qh = quality(s, "fixed"), quality(s, "high")
    if not qf or not qh: return None
    high = {r["file"]: r for r in qh}
    ok = [r for r in qf if r["ssim"] >= TARGET and r["file"] in high]
    below = [r for r in qf if r["ssim"] < TARGET and r["file"] in high]
    return {"files": len(ok), "fixedBytes": sum(r["out"] for r in ok), "highBytes": sum(high[r["file"]]["out"] for r in ok),
            "belowFiles": [r["file"] for r in below], "belowFixedBytes": sum(r["out"] for r in below),
            "belowHighBytes": sum(high[r["file"]]["out"] for r in below)}

out = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "repetitions": reps, "sets": {}}
for s in ("corpus", "big"):
    jobs = {job: job_summary(s, job) for job in JOBS}
    out["sets"][s] = {"jobs": jobs, "ratios": ratios(s), "withinFixed": within_fixed(s)}
all_q = quality("corpus-all", "high")
if all_q:
    out["corpusAllHigh"] = {"compared": len(all_q), "minSsim": min(r["ssim"] for r in all_q),
                            "below": [(r["file"], r["ssim"]) for r in all_q if r["ssim"] < TARGET]}
json.dump(out, open(os.path.join(res, "results.json"), "w"), indent=2)

def fmt(x, f="{:.4f}"): return "–" if x is None else f.format(x)
md = [f"Quality auto, {out['date']}, {reps} alternating repetitions (medians).", ""]
for s, d in out["sets"].items():
    fixed = d["jobs"]["fixed"]
    md += [f"### {s}", "", "| job | output bytes | × q90 | photo bytes | × q90 | min SSIM | mean SSIM | below 0.96 "
           "| engine min / mean score | wall s | CPU s | peak RSS MB |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for job, j in d["jobs"].items():
        if not j: continue
        md.append("| {} | {:,} | {} | {:,} | {} | {} | {} | {} | {} | {} | {} | {:.0f} |".format(
            LABEL[job], j["outBytes"], fmt(j["outBytes"] / fixed["outBytes"], "{:.3f}"), j["photoBytes"],
            fmt(j["photoBytes"] / fixed["photoBytes"] if fixed["photoBytes"] else None, "{:.3f}"),
            fmt(j.get("minSsim")), fmt(j.get("meanSsim")), len(j.get("below", [])) if "below" in j else "–",
            f"{fmt(j.get('engineMinScore'))} / {fmt(j.get('engineMeanScore'))}", fmt(j["wallMedian"], "{:.2f}"),
            fmt(j["cpuMedian"], "{:.2f}"), j["peakRssMb"]).replace(",", " "))
    r = d["ratios"]
    md += ["", "auto high / sharp wall, per repetition: " + ", ".join(f"{x:.2f}" for x in r["highOverSharpWall"]) +
           f" (median {fmt(med(r['highOverSharpWall']), '{:.2f}')}); q90 / sharp: " +
           ", ".join(f"{x:.2f}" for x in r["fixedOverSharpWall"]) + "; auto high / q90: " +
           ", ".join(f"{x:.2f}" for x in r["highOverFixedWall"]), ""]
    w = d.get("withinFixed")
    if w and w["fixedBytes"]:
        n = lambda x: f"{x:,}".replace(",", " ")
        md += [f"Files where q90 already has SSIM ≥ 0.96 ({w['files']}): q90 {n(w['fixedBytes'])} bytes, auto high "
               f"{n(w['highBytes'])} ({w['highBytes'] / w['fixedBytes']:.3f}x). The others "
               f"({', '.join(w['belowFiles']) or 'none'}): q90 {n(w['belowFixedBytes'])}, auto high {n(w['belowHighBytes'])}.", ""]
    for job, j in d["jobs"].items():
        if j and j.get("below"): md.append(f"- {LABEL[job]} below 0.96: " + ", ".join(f"{f} {v:.4f}" for f, v in j["below"]))
    md.append("")
if all_q:
    a = out["corpusAllHigh"]
    md.append(f"Whole corpus (every readable file, {a['compared']} compared), auto high: min SSIM {a['minSsim']:.4f}; "
              f"below 0.96: {a['below'] or 'none'}")
open(os.path.join(res, "results.md"), "w").write("\n".join(md) + "\n")
print("\n".join(md))
