#!/usr/bin/python3
"""Summarises a compare-sharp.sh run: reads RESULTS/runs.tsv, the ImgOpt JSON reports, quality.py outputs and
jpeg-interlace.tsv; writes RESULTS/results.json and RESULTS/results.md (the tables of docs/benchmarks.md).
usage: bench_summary.py RESULTS FILES REPS LINKED_ALLOCATOR SHARP_VERSIONS_JSON
Every figure is a measured one: medians of the alternating runs, and the runs themselves in results.json."""
import csv, datetime, json, os, platform, statistics, subprocess, sys

res, nfiles, reps, linked, sharpv = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], json.loads(sys.argv[5])
rows = list(csv.DictReader(open(os.path.join(res, "runs.tsv")), delimiter="\t"))
for r in rows:
    for k in ("wall", "user", "sys", "load1"): r[k] = float(r[k])
    for k in ("maxrss_kb", "out_bytes"): r[k] = int(r[k])

SECTIONS = {  # name: (label, the target on ImgOpt/sharp, what it bounds)
    "default": ("corpus, original formats, q90", ("wall", 0.5)),
    "webp80": ("corpus, WebP q80", ("wall", 0.7)),
    "big": ("big set (19 wallpapers, 4K-5K), original, q90", ("wall", 0.6)),
    "tiny": ("10,000 tiny images (96x64, every 5th PNG)", ("imagesPerSecond", 1.5)),
    "small": ("2,000 small JPEGs (640x400)", ("imagesPerSecond", 2.5)),
}


def pick(section, engine): return [r for r in rows if (r["section"], r["engine"]) == (section, engine)]
def med(xs): return statistics.median(xs) if xs else None


def summary(runs):
    if not runs: return None
    return {"runs": len(runs), "wallMedian": med([r["wall"] for r in runs]), "wallMin": min(r["wall"] for r in runs),
            "wallMax": max(r["wall"] for r in runs), "cpuMedian": med([r["user"] + r["sys"] for r in runs]),
            "peakRssMbMedian": med([r["maxrss_kb"] / 1024 for r in runs]),
            "peakRssMbMax": max(r["maxrss_kb"] / 1024 for r in runs),
            "outBytes": runs[-1]["out_bytes"], "loadMedian": med([r["load1"] for r in runs])}


def from_report(path):
    """Wall against the workers' summed busy time (encode tasks and validations) per worker, from ImgOpt's own
    report: 1.0 means no worker ever idled."""
    rep = json.load(open(path))
    def span(f, a, b): return f[b] - f[a] if f.get(a) is not None and f.get(b) is not None else 0.0
    tasks = sum(span(f, "startSeconds", "endSeconds") + span(f, "validateStartSeconds", "validateEndSeconds")
                for f in rep["files"])
    workers, wall = rep["workers"]["count"], rep["summary"]["wallSeconds"]
    return {"wallSeconds": wall, "sumTaskSeconds": tasks, "workers": workers,
            "wallOverTaskPerWorker": wall / (tasks / workers) if tasks else None,
            "admissionRounds": len(rep.get("batches", [])), "files": len(rep["files"]),
            "failed": rep["summary"]["failed"]}


def q(name):
    p = os.path.join(res, f"quality-{name}.json")
    return json.load(open(p))["summary"] if os.path.exists(p) else None


out = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "repetitions": reps,
       "corpusFiles": nfiles, "imgoptLinkedAllocator": linked, "sections": {}, "runs": rows}
for name, (label, (kind, bound)) in SECTIONS.items():
    s, i = summary(pick(name, "sharp")), summary(pick(name, "imgopt"))
    if not s or not i: continue
    reports = [from_report(r["report"]) for r in pick(name, "imgopt") if r["report"]]
    sec = {"label": label, "sharp": s, "imgopt": i, "imgoptReports": reports,
           "ratioWall": i["wallMedian"] / s["wallMedian"], "ratioPeakRss": i["peakRssMbMedian"] / s["peakRssMbMedian"],
           "ratioOutBytes": i["outBytes"] / s["outBytes"] if s["outBytes"] else None,
           "wallOverTaskPerWorker": med([r["wallOverTaskPerWorker"] for r in reports if r["wallOverTaskPerWorker"]]),
           "ssim": {"sharp": q(f"{name}-sharp"), "imgopt": q(f"{name}-imgopt")}}
    sec["imagesPerSecondRatio"] = 1 / sec["ratioWall"]
    value = sec["ratioWall"] if kind == "wall" else sec["imagesPerSecondRatio"]
    targets = {f"{kind} {'<=' if kind == 'wall' else '>='} {bound}": (value, value <= bound if kind == "wall" else value >= bound)}
    if name == "big":
        targets["peak RSS <= 0.5"] = (sec["ratioPeakRss"], sec["ratioPeakRss"] <= 0.5)
        w = sec["wallOverTaskPerWorker"]
        targets["wall / (busy s / workers) <= 1.10"] = (w, w is not None and w <= 1.10)
    sec["targets"] = {k: {"value": v, "met": m} for k, (v, m) in targets.items()}
    out["sections"][name] = sec

alloc = {v: summary([r for r in rows if r["section"] == "alloc" and r["variant"] == v])
         for v in ("jemalloc", "glibc", "glibc-arena2", "glibc-arena2-4k")}
out["allocators"] = {k: v for k, v in alloc.items() if v}
jpeg_path = os.path.join(res, "jpeg-interlace.tsv")
jpeg = list(csv.DictReader(open(jpeg_path), delimiter="\t")) if os.path.exists(jpeg_path) else []
jb, jp = sum(int(r["baseline"]) for r in jpeg), sum(int(r["progressive"]) for r in jpeg)
out["jpegInterlace"] = {"files": jpeg, "baselineBytes": jb, "progressiveBytes": jp} if jpeg else None


def lscpu(field):
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith(field + ":"): return line.split(":", 1)[1].strip()


cores, mem = os.cpu_count(), int(open("/proc/meminfo").read().split()[1]) * 1024
vipsv = subprocess.run(["vips", "--version"], capture_output=True, text=True).stdout.strip()
nodev = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
out["machine"] = {"cpu": lscpu("Model name"), "cores": cores, "memoryBytes": mem, "kernel": platform.release()}
out["versions"] = {"libvips": vipsv, "node": nodev, "sharp": sharpv["sharp"], "sharpLibvips": sharpv["vips"]}
json.dump(out, open(os.path.join(res, "results.json"), "w"), indent=2)

f = lambda x, n=2: "–" if x is None else f"{x:.{n}f}"
md = [f"Run {out['date']} on {out['machine']['cpu']}, {cores} cores, {mem / 2**30:.1f} GiB; {vipsv}, "
      f"sharp {sharpv['sharp']} (libvips {sharpv['vips']}), node {nodev}; median of {reps} alternating runs.", "",
      "| job | engine | wall s (median) | min–max | CPU s | peak RSS MB | output bytes | load |",
      "|---|---|---|---|---|---|---|---|"]
for name, sec in out["sections"].items():
    for eng in ("sharp", "imgopt"):
        s = sec[eng]
        md.append(f"| {sec['label']} | {eng} | {f(s['wallMedian'])} | {f(s['wallMin'])}–{f(s['wallMax'])} | "
                  f"{f(s['cpuMedian'])} | {f(s['peakRssMbMedian'], 0)} | {s['outBytes']} | {f(s['loadMedian'])} |")
    md.append(f"| {sec['label']} | **ImgOpt/sharp** | **{f(sec['ratioWall'])}** | | | **{f(sec['ratioPeakRss'])}** | "
              f"{f(sec['ratioOutBytes'])} | |")
md += ["", "| job | wall ÷ (Σ busy s ÷ workers), median | admission rounds | failed files |", "|---|---|---|---|"]
for name, sec in out["sections"].items():
    r = sec["imgoptReports"][-1] if sec["imgoptReports"] else {}
    md.append(f"| {sec['label']} | {f(sec['wallOverTaskPerWorker'])} | {r.get('admissionRounds', '–')} | {r.get('failed', '–')} |")
for name in ("default", "webp80"):
    sec = out["sections"].get(name)
    if not sec or not sec["ssim"]["sharp"] or not sec["ssim"]["imgopt"]: continue
    a, b = sec["ssim"]["sharp"], sec["ssim"]["imgopt"]
    md += ["", f"{sec['label']}: mean SSIM sharp {f(a.get('meanSsim'), 4)}, ImgOpt {f(b.get('meanSsim'), 4)}; "
               f"min SSIM sharp {f(a.get('minSsim'), 4)}, ImgOpt {f(b.get('minSsim'), 4)}."]
if out["allocators"]:
    md += ["", "| allocator (ImgOpt, corpus) | wall s (median) | CPU s | peak RSS MB (median) | peak RSS MB (max) |",
           "|---|---|---|---|---|"]
    for v, s in out["allocators"].items():
        md.append(f"| {v} | {f(s['wallMedian'])} | {f(s['cpuMedian'])} | {f(s['peakRssMbMedian'], 0)} | {f(s['peakRssMbMax'], 0)} |")
if jpeg:
    md += ["", f"JPEG q90 on the corpus photos: progressive {jp} bytes against baseline {jb} ({jp / jb:.3f})."]
md += ["", "| job | target (ImgOpt against sharp) | measured | met |", "|---|---|---|---|"]
for name, sec in out["sections"].items():
    for k, t in sec["targets"].items():
        md.append(f"| {sec['label']} | {k} | {f(t['value'])} | {'yes' if t['met'] else 'NO'} |")
open(os.path.join(res, "results.md"), "w").write("\n".join(md) + "\n")
print("\n".join(md))
