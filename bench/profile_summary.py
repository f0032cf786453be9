"""Summarise py-spy collapsed stacks (`py-spy record --format raw --threads`, as bench/http_api.py writes them
with BENCH_HTTP_PROFILE): per thread group (the event loop, the request worker threads, the background
executor), its busy share and the functions most often on its stack (inclusive) and on top of it (self).

Usage: `python -m bench.profile_summary FILE.collapsed [...] [--top 20]`. Samples whose top frame is a thread
waiting for work (an idle event loop or an idle worker) count as idle and are left out of the shares; waiting
for PostgreSQL's answer (psycopg `Connection.wait`) is busy time of the request. Frames are grouped by
function and file (line numbers dropped); a function counts once per sample even when it recurses.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*?)(?::\d+)?\)$")
# Top frames of a thread with nothing to do.
_IDLE = ("Runner.run (", "Condition.wait (", "Queue.get (", "_worker (", "Event.wait (", "WorkerThread.run (")
# Frames on every stack of a thread (process start-up, thread bootstrap): not worth listing.
_SCAFFOLD = ("typer/", "runpy", "hunan_shared/cli.py", "asyncio/runners.py", "uvicorn/main.py",
             "uvicorn/server.py", "threading.py", "anyio/_backends/_asyncio.py)")  # fmt: skip


def _frame(raw: str) -> str:
    match = _FRAME.match(raw.strip())
    if not match:
        return raw.strip()
    path = match["file"]
    for marker in ("site-packages/", "/src/", "/lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{match['func']} ({path})"


def _group(thread: str) -> str:
    if "MainThread" in thread:
        return "event loop (MainThread)"
    if "AnyIO worker" in thread:
        return "request worker threads (AnyIO)"
    if "uvloop" in thread or "asyncio" in thread or "ThreadPoolExecutor" in thread:
        return "background executor (outbox relay, jobs, consumer)"
    return "other threads"


def summarise(text: str, top: int = 20) -> str:
    groups: dict[str, tuple[Counter[str], Counter[str]]] = {}
    busy: Counter[str] = Counter()
    idle: Counter[str] = Counter()
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        thread, *frames = stack.split(";")
        names = [_frame(f) for f in frames if f]
        group = _group(thread)
        if not names or names[-1].startswith(_IDLE):
            idle[group] += n
            continue
        busy[group] += n
        inclusive, own = groups.setdefault(group, (Counter(), Counter()))
        for name in set(names):
            if not any(s in name for s in _SCAFFOLD):
                inclusive[name] += n
        own[names[-1]] += n
    lines = []
    for group in sorted(busy | idle, key=lambda g: -busy[g]):
        total = busy[group]
        lines += [f"### {group}: {total} busy samples, {idle[group]} idle", ""]
        if not total:
            continue
        inclusive, own = groups[group]
        lines += ["| inclusive (on the stack) | share of busy |", "|---|---|"]
        lines += [f"| `{name}` | {count / total:.0%} |" for name, count in inclusive.most_common(top)]
        lines += ["", "| self (top of the stack) | share of busy |", "|---|---|"]
        lines += [f"| `{name}` | {count / total:.0%} |" for name, count in own.most_common(max(5, top // 2))]
        lines.append("")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    for path in args.files:
        print(f"## {path.stem}\n")
        print(summarise(path.read_text(), args.top))


if __name__ == "__main__":
    main()
