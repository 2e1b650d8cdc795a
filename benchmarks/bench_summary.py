#!/usr/bin/python3
"""Summarises a compare-sharp.sh run: reads RESULTS/runs.tsv, the ImgOpt JSON reports, quality.py outputs and
jpeg-interlace.tsv; writes RESULTS/results.json and RESULTS/results.md.
usage: bench_summary.py RESULTS FILES REPS LINKED_ALLOCATOR SHARP_VERSIONS_JSON"""
import csv, json, os, platform, statistics, subprocess, sys, datetime
res, nfiles, reps, linked, sharpv = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], json.loads(sys.argv[5])
rows = list(csv.DictReader(open(os.path.join(res, "runs.tsv")), delimiter="\t"))
for r in rows:
    for k in ("wall", "user", "sys"): r[k] = float(r[k])
    for k in ("maxrss_kb", "out_bytes"): r[k] = int(r[k])
    r["load1"] = float(r["load1"])
def pick(section, engine, variant): return [r for r in rows if (r["section"], r["engine"], r["variant"]) == (section, engine, variant)]
def med(xs): return statistics.median(xs) if xs else None
def summary(runs):
    if not runs: return None
    return {"runs": len(runs), "wallMedian": med([r["wall"] for r in runs]), "wallMin": min(r["wall"] for r in runs),
            "wallMax": max(r["wall"] for r in runs), "cpuMedian": med([r["user"] + r["sys"] for r in runs]),
            "peakRssMbMedian": med([r["maxrss_kb"] / 1024 for r in runs]),
            "peakRssMbMax": max(r["maxrss_kb"] / 1024 for r in runs),
            "outBytes": runs[-1]["out_bytes"], "loadMedian": med([r["load1"] for r in runs])}
def q(name):
    p = os.path.join(res, f"quality-{name}.json")
    return json.load(open(p))["summary"] if os.path.exists(p) else None
cores = os.cpu_count()
# CPU vs wall from ImgOpt's own JSON reports (default job).
cpu = []
byfmt = {}
for r in pick("default", "imgopt", "original"):
    rep = json.load(open(r["report"]))
    proc = sum(f.get("processSeconds") or 0 for f in rep["files"])
    busy = sum(rep["workers"]["busySeconds"])
    wall = rep["summary"]["wallSeconds"]
    workers = rep["workers"]["count"]
    cpu.append({"wallSeconds": wall, "sumProcessSeconds": proc, "sumBusySeconds": busy, "workers": workers,
                "processPerCore": proc / cores, "wallOverProcessPerCore": wall / (proc / cores),
                "timeCpuSeconds": r["user"] + r["sys"], "wallOverTimeCpuPerCore": r["wall"] / ((r["user"] + r["sys"]) / cores),
                "batches": [b.get("size") for b in rep.get("batches", [])]})
    for f in rep["files"]:
        k = f["inputFormat"]
        d = byfmt.setdefault(k, {"files": 0, "encodeSeconds": [], "processSeconds": []})
        d["encodeSeconds"].append(f.get("encodeSeconds") or 0); d["processSeconds"].append(f.get("processSeconds") or 0)
nrep = max(1, len(pick("default", "imgopt", "original")))
formats = {k: {"files": len(v["encodeSeconds"]) // nrep, "encodeSecondsPerRun": sum(v["encodeSeconds"]) / nrep,
               "processSecondsPerRun": sum(v["processSeconds"]) / nrep} for k, v in byfmt.items()}
jpeg = list(csv.DictReader(open(os.path.join(res, "jpeg-interlace.tsv")), delimiter="\t"))
jb, jp = sum(int(r["baseline"]) for r in jpeg), sum(int(r["progressive"]) for r in jpeg)
def lscpu(field):
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith(field + ":"): return line.split(":", 1)[1].strip()
mem = int(open("/proc/meminfo").read().split()[1]) * 1024
vipsv = subprocess.run(["vips", "--version"], capture_output=True, text=True).stdout.strip()
nodev = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
out = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
       "machine": {"cpu": lscpu("Model name"), "cores": cores, "memoryBytes": mem, "kernel": platform.release()},
       "versions": {"libvips": vipsv, "node": nodev, "sharp": sharpv["sharp"], "sharpLibvips": sharpv["vips"]},
       "files": nfiles, "repetitions": reps, "imgoptLinkedAllocator": linked,
       "default": {"sharp": summary(pick("default", "sharp", "original")), "imgopt": summary(pick("default", "imgopt", "original")),
                   "ssim": {"sharp": q("default-sharp"), "imgopt": q("default-imgopt")}},
       "webp80": {"sharp": summary(pick("webp80", "sharp", "webp")), "imgopt": summary(pick("webp80", "imgopt", "webp")),
                  "ssim": {"sharp": q("webp80-sharp"), "imgopt": q("webp80-imgopt")}},
       "allocators": {v: summary(pick("alloc", "imgopt", v)) for v in ("jemalloc", "glibc", "glibc-arena2", "glibc-arena2-4k")},
       "cpuVsWall": cpu, "imgoptSecondsByInputFormat": formats,
       "jpegInterlace": {"files": jpeg, "baselineBytes": jb, "progressiveBytes": jp,
                         "progressiveOverBaseline": jp / jb if jb else None},
       "runs": rows}
for job in ("default", "webp80"):
    s, i = out[job]["sharp"], out[job]["imgopt"]
    out[job]["ratioWall"] = i["wallMedian"] / s["wallMedian"]
    out[job]["ratioPeakRss"] = i["peakRssMbMedian"] / s["peakRssMbMedian"]
    out[job]["ratioOutBytes"] = i["outBytes"] / s["outBytes"]
wov = med([c["wallOverProcessPerCore"] for c in cpu])
out["targets"] = {
    "defaultWallRatio<=0.6": {"value": out["default"]["ratioWall"], "met": out["default"]["ratioWall"] <= 0.6},
    "webp80WallRatio<=0.7": {"value": out["webp80"]["ratioWall"], "met": out["webp80"]["ratioWall"] <= 0.7},
    "peakRssMb<=300": {"value": max(out["default"]["imgopt"]["peakRssMbMax"], out["webp80"]["imgopt"]["peakRssMbMax"]),
                       "met": max(out["default"]["imgopt"]["peakRssMbMax"], out["webp80"]["imgopt"]["peakRssMbMax"]) <= 300},
    "wallWithin10%OfCpuPerCore": {"value": wov, "met": wov is not None and wov <= 1.10}}
json.dump(out, open(os.path.join(res, "results.json"), "w"), indent=2)

f = lambda x, n=2: "–" if x is None else f"{x:.{n}f}"
md = [f"Run {out['date']} on {out['machine']['cpu']}, {cores} cores, {mem / 2**30:.1f} GiB; libvips {vipsv}, "
      f"sharp {sharpv['sharp']} (libvips {sharpv['vips']}), node {nodev}; {nfiles} files, median of {reps} runs.", "",
      "| job | engine | wall s (median) | min–max | CPU s | peak RSS MB | output bytes | mean SSIM | min SSIM | load |",
      "|---|---|---|---|---|---|---|---|---|---|"]
for job, label in (("default", "default (original, q90)"), ("webp80", "WebP q80")):
    for eng in ("sharp", "imgopt"):
        s, qq = out[job][eng], out[job]["ssim"][eng] or {}
        md.append(f"| {label} | {eng} | {f(s['wallMedian'])} | {f(s['wallMin'])}–{f(s['wallMax'])} | {f(s['cpuMedian'])} | "
                  f"{f(s['peakRssMbMedian'], 0)} | {s['outBytes']} | {f(qq.get('meanSsim'), 4)} | {f(qq.get('minSsim'), 4)} | {f(s['loadMedian'])} |")
    md.append(f"| {label} | **ImgOpt/sharp** | **{f(out[job]['ratioWall'])}** | | | {f(out[job]['ratioPeakRss'])} | "
              f"{f(out[job]['ratioOutBytes'])} | | | |")
md += ["", "| allocator (ImgOpt, default job) | wall s (median) | CPU s | peak RSS MB (median) | peak RSS MB (max) |", "|---|---|---|---|---|"]
for v, s in out["allocators"].items():
    if s: md.append(f"| {v} | {f(s['wallMedian'])} | {f(s['cpuMedian'])} | {f(s['peakRssMbMedian'], 0)} | {f(s['peakRssMbMax'], 0)} |")
md += ["", "| run | wall s | Σ processSeconds | Σ busySeconds | Σ process / cores | wall ÷ (Σ process / cores) | batch sizes |", "|---|---|---|---|---|---|---|"]
for i, c in enumerate(cpu, 1):
    md.append(f"| {i} | {f(c['wallSeconds'])} | {f(c['sumProcessSeconds'])} | {f(c['sumBusySeconds'])} | {f(c['processPerCore'])} | "
              f"{f(c['wallOverProcessPerCore'])} | {c['batches']} |")
md += ["", "| input format | files | Σ encodeSeconds per run | Σ processSeconds per run |", "|---|---|---|---|"]
for k, v in sorted(formats.items(), key=lambda kv: -kv[1]["processSecondsPerRun"]):
    md.append(f"| {k} | {v['files']} | {f(v['encodeSecondsPerRun'])} | {f(v['processSecondsPerRun'])} |")
md += ["", "| photo (q90, 4:2:0, optimize_coding) | baseline bytes | progressive bytes | progressive/baseline |", "|---|---|---|---|"]
for r in jpeg:
    md.append(f"| {r['file']} | {r['baseline']} | {r['progressive']} | {int(r['progressive']) / int(r['baseline']):.3f} |")
md.append(f"| **total** | {jb} | {jp} | **{jp / jb:.3f}** |")
def rowsOf(name):
    p = os.path.join(res, f"quality-{name}.json")
    return {r["file"]: r for r in json.load(open(p))["rows"]} if os.path.exists(p) else {}
for job in ("default", "webp80"):
    a, b = rowsOf(f"{job}-sharp"), rowsOf(f"{job}-imgopt")
    if not a or not b: continue
    md += ["", f"| {job}: file | input bytes | sharp bytes | sharp SSIM | ImgOpt bytes | ImgOpt SSIM |", "|---|---|---|---|---|---|"]
    for k in sorted(a):
        x, y = a[k], b.get(k, {})
        md.append(f"| {k} | {x.get('in', '–')} | {x.get('out', '–')} | {x.get('ssim', '–')} | {y.get('out', '–')} | {y.get('ssim', '–')} |")
md += ["", "| target | value | met |", "|---|---|---|"]
for k, t in out["targets"].items(): md.append(f"| {k} | {f(t['value'])} | {'yes' if t['met'] else 'NO'} |")
open(os.path.join(res, "results.md"), "w").write("\n".join(md) + "\n")
print("\n".join(md))
