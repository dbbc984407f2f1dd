#!/usr/bin/env python3
"""run_fuzz.py FUZZER SEEDS WORK SECONDS [DICT]: runs one libFuzzer target
for SECONDS seconds, starting from the seed corpus SEEDS (left as it is:
new inputs go to WORK/corpus), and fails on any finding: a crash, a
sanitizer report, a leak, a timeout (60 s of wall time for one input: a
process starved by a busy machine is not a hang) or running out of
memory (2 GB). Prints the reproducer of a finding, and the run's figures:
executions, the CPU time it got, coverage (cov: edges, ft: features) and
corpus size."""
import pathlib
import re
import resource
import shutil
import subprocess
import sys

fuzzer, seeds, work, seconds = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), int(sys.argv[4])
dictionary = sys.argv[5] if len(sys.argv) > 5 else None

shutil.rmtree(work, ignore_errors=True)
(work / "corpus").mkdir(parents=True)
command = [fuzzer, f"-max_total_time={seconds}", "-timeout=60", "-rss_limit_mb=2048", "-print_final_stats=1",
           f"-artifact_prefix={work}/"]
if dictionary:
    command.append(f"-dict={dictionary}")
command += [str(work / "corpus"), seeds]
print(" ".join(command), flush=True)
run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
log = run.stdout
(work / "fuzz.log").write_text(log)

status = [line for line in log.splitlines() if re.match(r"#\d+\s", line)]
stats = dict(re.findall(r"^stat::(\w+):\s+(\d+)", log, re.M))
last = status[-1] if status else "(no status line)"
cov = re.search(r"cov: (\d+)", last)
ft = re.search(r"ft: (\d+)", last)
corpus = re.search(r"corp: (\d+)", last)
cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{pathlib.Path(fuzzer).name}: {seconds} s ({cpu.ru_utime + cpu.ru_stime:.0f} s of CPU), "
      f"{stats.get('number_of_executed_units', '?')} executions, "
      f"cov {cov.group(1) if cov else '?'}, ft {ft.group(1) if ft else '?'}, "
      f"corpus {corpus.group(1) if corpus else '?'} inputs, peak rss {stats.get('peak_rss_mb', '?')} MB")
if run.returncode != 0:
    print("\n".join(log.splitlines()[-60:]))
    artifacts = sorted(str(p) for p in work.iterdir() if p.name.split("-")[0] in ("crash", "leak", "timeout", "oom"))
    print(f"FINDING (exit status {run.returncode}); reproducer: {', '.join(artifacts) or 'none written'}")
    sys.exit(1)
print("no findings")
