#!/usr/bin/env python3
"""Sweep the Homa paper's simulation setting: workloads W1-W5 at 50 % and 80 % load with
Homa, TCP and DCTCP on the same traffic (examples/homa-datacenter), then draw the
paper-style figure (99th-percentile slowdown per message-size bucket, buckets placed by
cumulative message count) with gnuplot and write a table of the results.

  utils/paper-sweep.py [--out DIR] [--loads 0.5 0.8] [--workloads W1 ...]
                       [--transports homa tcp dctcp] [--racks 9 --hosts-per-rack 16
                       --spines 4] [--scale 1.0] [--window W5=0.1 ...] [--paper]
                       [--release] [--jobs N] [--ranks N] [--progress] [--plot-only]
                       [--paper-ranges DIR]
                       [--extra "homa-datacenter options"]

Per run it keeps DIR/<W>-<load>-<transport>.txt (the driver's report), .csv (its
per-bucket summary) and -ranges.csv (its results per size range of ~1 % of the messages,
as the paper's figures bin them). Runs whose summary exists are not repeated (delete it to
redo). --paper runs the driver's paper configuration (the simulator's ideal, load, W1 and
priorities); --release uses the ns-3 tree of `make bench` (release profile), which is faster;
--ranks N runs each simulation distributed over N MPI ranks (`mpirun -np N`, ns-3's mpi
module; the results are those of the serial run but for same-time ties, see doc/homa.rst),
with --jobs defaulting to cores / N.
Outputs: DIR/slowdown-<load>.png (deciles), DIR/ranges-<load>.png (the paper's ranges, x
proportional to cumulative message count), DIR/results.rst (tables for the docs: with each
run's delivered / offered load in the window's second half and the fewest messages in a
range).
The arrival window per workload (WINDOW, in seconds, times --scale) is sized so that every
workload yields several hundred messages per bucket or more on 144 hosts.
"""

import argparse
import concurrent.futures
import csv
import os
import subprocess
import sys

WINDOW = {"W1": 0.0005, "W2": 0.0005, "W3": 0.002, "W4": 0.005, "W5": 0.01}
NAMES = {"homa": "Homa", "tcp": "TCP", "dctcp": "DCTCP"}
STYLE = {"homa": "lc rgb '#c0392b' lw 2 pt 7", "tcp": "lc rgb '#2471a3' lw 2 pt 5",
         "dctcp": "lc rgb '#229954' lw 2 pt 9"}


def ns3_dir(root, name=".ns3-dir"):
    path = os.path.join(root, name)
    if not os.path.exists(path):
        sys.exit(f"paper-sweep: no {name}: run `make setup` (or `make bench` for --release)")
    with open(path) as f:
        return f.read().strip()


def run_one(binary, out, args, w, load, t):
    base = os.path.join(out, f"{w}-{load}-{t}")
    if os.path.exists(base + ".csv"):
        return base, 0, "kept"
    launch = []
    if args.ranks > 1:
        launch = ["mpirun", "-np", str(args.ranks), "--oversubscribe", "--bind-to", "none"]
    cmd = launch + [binary, f"--workload={w}", f"--load={load}", f"--transport={t}",
           f"--time={window(args, w)}", f"--racks={args.racks}",
           f"--hostsPerRack={args.hosts_per_rack}", f"--spines={args.spines}",
           f"--drain={args.drain}", f"--summary={base}.csv.part",
           f"--ranges={base}-ranges.csv"]
    if args.paper:
        cmd.append("--paper=true")
    if args.paper_ranges:
        # The paper simulator's own size ranges (doc/data/paper-sim/<W>-<load %>.csv): the
        # results over them too, to compare range by range.
        bounds = os.path.join(args.paper_ranges, f"{w}-{round(float(load) * 100)}.csv")
        if os.path.exists(bounds):
            cmd += [f"--rangeBounds={bounds}", f"--boundRanges={base}-paper-ranges.csv"]
    cmd += args.extra.split()
    if args.progress:
        cmd.append("--progress=true")
    with open(base + ".txt", "w") as log:
        log.write(" ".join(cmd) + "\n")
        log.flush()
        # Open MPI refuses root unless told.
        env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
        if args.progress:
            # ns-3's ShowProgress (and any error message) to a file of its own.
            with open(base + ".progress", "w") as err:
                rc = subprocess.call(cmd, stdout=log, stderr=err, env=env)
        else:
            rc = subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    # A run with unfinished messages exits 1 but its results are still worth plotting.
    if os.path.exists(base + ".csv.part"):
        os.replace(base + ".csv.part", base + ".csv")
    return base, rc, "ran"


def window(args, w):
    """Seconds of arrivals for workload w: --window W=S, else WINDOW times --scale."""
    for item in args.window:
        name, _, seconds = item.partition("=")
        if name == w:
            return float(seconds)
    return WINDOW.get(w, 0.002) * args.scale


def read_summary(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def write_blocks(dat, workloads, transports, data, row, empty):
    """One gnuplot data block per (workload, transport); returns their order."""
    blocks = []
    with open(dat, "w") as f:
        for w in workloads:
            for t in transports:
                rows = data.get((w, t))
                f.write(f"# {w} {t}\n")
                for r in rows or []:
                    f.write(row(r) + "\n")
                if not rows:
                    f.write(empty + "\n")
                f.write("\n\n")
                blocks.append((w, t))
    return blocks


def write_panels(plt, png, dat, blocks, workloads, transports, data, title, tics, with_style):
    """A row of panels, one per workload, a line per transport, log-scale slowdown."""
    cols = len(workloads)
    with open(plt, "w") as f:
        # Wide enough for the title when there are few panels.
        f.write("set terminal pngcairo size %d,560 font 'Sans,10'\n" % max(360 * cols, 760))
        f.write(f"set output '{os.path.basename(png)}'\n")
        f.write(f"set multiplot layout 1,{cols} title '{title}'\n")
        f.write("set logscale y\nset yrange [1:*]\nset xrange [0:1]\nset grid ytics\n")
        f.write("set xtics rotate by -45 font ',8'\nset key below horizontal font ',9'\n")
        for w in workloads:
            ref = next((data.get((w, t)) for t in transports if data.get((w, t))), None)
            if ref:
                f.write(f"set xtics ({tics(ref)})\n")
            f.write(f"set title '{w}'\n")
            f.write("set ylabel '99th-percentile slowdown'\n" if w == workloads[0] else "unset ylabel\n")
            parts = [f"'{os.path.basename(dat)}' index {blocks.index((w, t))} using 1:2 "
                     f"{with_style(t)} title '{NAMES.get(t, t)}'" for t in transports]
            f.write("plot " + ", \\\n     ".join(parts) + "\n")
        f.write("unset multiplot\n")
    subprocess.check_call(["gnuplot", os.path.basename(plt)], cwd=os.path.dirname(plt))
    return png


def plot(out, load, workloads, transports, results):
    """Deciles: p99 per bucket of equal message count, placed by cumulative count."""
    data = {(w, t): results.get((w, load, t)) for w in workloads for t in transports}
    dat = os.path.join(out, f"slowdown-{load}.dat")
    blocks = write_blocks(dat, workloads, transports, data,
                          lambda r: f"{float(r['cum_fraction']) - 0.05:.3f} {r['p99']} {r['p50']} "
                                    f"{r['max_size']}", "0 NaN NaN 0")
    tics = lambda ref: ", ".join(f"'{human(int(r['max_size']))}' "
                                 f"{float(r['cum_fraction']) - 0.05:.2f}" for r in ref)
    title = (f"99th-percentile slowdown by message size, {int(float(load) * 100)} % load "
             f"(buckets of equal message count; label: largest size in the bucket)")
    return write_panels(os.path.join(out, f"slowdown-{load}.plt"),
                        os.path.join(out, f"slowdown-{load}.png"), dat, blocks, workloads,
                        transports, data, title, tics,
                        lambda t: f"with linespoints {STYLE.get(t, '')}")


def plot_ranges(out, load, workloads, transports, ranges):
    """The paper's figure: p99 slowdown per size range, x = cumulative message count."""
    data = {(w, t): ranges.get((w, load, t)) for w in workloads for t in transports}
    dat = os.path.join(out, f"ranges-{load}.dat")
    blocks = write_blocks(dat, workloads, transports, data,
                          lambda r: f"{float(r['cum_fraction']):.4f} {r['p99']} {r['max_size']}",
                          "0 NaN 0")

    def tics(ref):
        # About ten labels: the range reaching each tenth of the messages.
        labels, next_at = [], 0.1
        for r in ref:
            if float(r["cum_fraction"]) >= next_at - 1e-9:
                labels.append(f"'{human(int(r['max_size']))}' {float(r['cum_fraction']):.3f}")
                next_at += 0.1
        return ", ".join(labels)

    title = (f"99th-percentile slowdown per size range (about 1 % of messages each), "
             f"{int(float(load) * 100)} % load")
    # Steps take no point type.
    return write_panels(os.path.join(out, f"ranges-{load}.plt"),
                        os.path.join(out, f"ranges-{load}.png"), dat, blocks, workloads,
                        transports, data, title, tics,
                        lambda t: f"with steps {STYLE.get(t, '').split(' pt ')[0]}")


def human(size):
    if size >= 1000000:
        return f"{size / 1e6:.3g}M"
    if size >= 1000:
        return f"{size / 1e3:.3g}K"
    return str(size)


def ranges_note(rows):
    if not rows:
        return "-"
    return f"{len(rows)} ({min(int(r['messages']) for r in rows)})"


def table_text(loads, workloads, transports, results, ranges, hosts):
    """The rst list-tables of the runs (one per load), as results.rst holds them; also used
    by utils/make-results.py for the committed runs of doc/data/paper-sweep."""
    lines = []
    for load in loads:
        title = f"{int(float(load) * 100)} % load, {hosts} hosts: slowdowns (p99 unless noted)"
        lines += [f".. list-table:: {title}", "   :header-rows: 1", "",
                  "   * - workload", "     - transport", "     - messages (unfinished)",
                  "     - short p50 / p99", "     - all-bucket max p99",
                  "     - largest bucket p99",
                  "     - delivered / offered (work-conserving fabric)",
                  "     - ranges (fewest messages)"]
        for w in workloads:
            for t in transports:
                rows = results.get((w, load, t))
                if not rows:
                    continue
                msgs = sum(int(r["messages"]) for r in rows)
                unf = rows[0]["unfinished"]
                worst = max(float(r["p99"]) for r in rows)
                lines += [f"   * - {w}", f"     - {NAMES.get(t, t)}", f"     - {msgs} ({unf})",
                          f"     - {float(rows[0]['p50']):.2f} / {float(rows[0]['p99']):.2f}",
                          f"     - {worst:.2f}", f"     - {float(rows[-1]['p99']):.2f}",
                          f"     - {float(rows[0]['delivered_load']) / float(load):.3f}"
                          f" ({float(rows[0].get('reference_load', 'nan')) / float(load):.3f})",
                          f"     - {ranges_note(ranges.get((w, load, t)))}"]
        lines.append("")
    return "\n".join(lines) + "\n"


def table(out, loads, workloads, transports, results, ranges, hosts):
    path = os.path.join(out, "results.rst")
    with open(path, "w") as f:
        f.write(table_text(loads, workloads, transports, results, ranges, hosts))
    return path


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.getcwd(), "results", "paper-sweep"))
    ap.add_argument("--loads", nargs="+", default=["0.5", "0.8"])
    ap.add_argument("--workloads", nargs="+", default=["W1", "W2", "W3", "W4", "W5"])
    ap.add_argument("--transports", nargs="+", default=["homa", "tcp", "dctcp"])
    ap.add_argument("--racks", type=int, default=9)
    ap.add_argument("--hosts-per-rack", type=int, default=16)
    ap.add_argument("--spines", type=int, default=4)
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies every arrival window")
    ap.add_argument("--drain", type=float, default=0.2)
    ap.add_argument("--window", nargs="*", default=[], metavar="W=SECONDS",
                    help="arrival window of a workload, overriding WINDOW and --scale")
    ap.add_argument("--paper", action="store_true", help="the driver's paper configuration")
    ap.add_argument("--paper-ranges", default="", metavar="DIR",
                    help="also write <run>-paper-ranges.csv over the size ranges of "
                         "DIR/<W>-<load %%>.csv (the paper simulator's, doc/data/paper-sim)")
    ap.add_argument("--extra", default="",
                    help="more options for every run of homa-datacenter, e.g. "
                         "\"--hostRate=25Gbps --switchBuffer=13200000\"")
    ap.add_argument("--release", action="store_true",
                    help="run the release-profile tree of `make bench` (faster)")
    ap.add_argument("--jobs", type=int, default=0,
                    help="simulations at once (default: cores / --ranks, at least 1)")
    ap.add_argument("--ranks", type=int, default=1,
                    help="MPI ranks per simulation (mpirun; at most --racks)")
    ap.add_argument("--progress", action="store_true",
                    help="each run's progress (ns-3's ShowProgress, once a wall second) and "
                         "error messages to DIR/<run>.progress, for runs of hours")
    ap.add_argument("--plot-only", action="store_true")
    args = ap.parse_args()
    if args.ranks < 1 or args.ranks > args.racks:
        sys.exit("paper-sweep: --ranks is between 1 and --racks")
    if args.jobs <= 0:
        args.jobs = max(1, (os.cpu_count() or 1) // args.ranks)
    os.makedirs(args.out, exist_ok=True)
    # NS3_DIR names another built tree (as for make), e.g. an ns-3.48 checkout.
    tree = os.environ.get("NS3_DIR") or ns3_dir(root, ".ns3-dir-release" if args.release
                                                else ".ns3-dir")
    examples = os.path.join(tree, "build", "contrib", "homa", "examples")
    binary = os.path.join(examples, next(b for b in sorted(os.listdir(examples))
                                         if "-homa-datacenter" in b))
    runs = [(w, l, t) for l in args.loads for w in args.workloads for t in args.transports]
    if not args.plot_only:
        # Longest first, so that the pool ends together.
        order = sorted(runs, key=lambda r: -WINDOW.get(r[0], 0.002))
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = {pool.submit(run_one, binary, args.out, args, *r): r for r in order}
            for fut in concurrent.futures.as_completed(futures):
                base, rc, what = fut.result()
                rows = read_summary(base + ".csv") if os.path.exists(base + ".csv") else []
                short = f"short messages p99 slowdown {float(rows[0]['p99']):.2f}" if rows else "no summary"
                print(f"{what:4} {os.path.basename(base)} (exit {rc}): {short}", flush=True)
    results = {}
    ranges = {}
    for r in runs:
        path = os.path.join(args.out, f"{r[0]}-{r[1]}-{r[2]}.csv")
        if os.path.exists(path):
            results[r] = read_summary(path)
        if os.path.exists(path[:-4] + "-ranges.csv"):
            ranges[r] = read_summary(path[:-4] + "-ranges.csv")
    for load in args.loads:
        print("figure:", plot(args.out, load, args.workloads, args.transports, results))
        print("figure:", plot_ranges(args.out, load, args.workloads, args.transports, ranges))
    print("table:", table(args.out, args.loads, args.workloads, args.transports, results, ranges,
                          args.racks * args.hosts_per_rack))
    return 0


if __name__ == "__main__":
    sys.exit(main())
