"""Summarise py-spy collapsed stacks (`py-spy record --format raw`): the share of samples per thread group,
the top functions by inclusive share (on the stack) and by self share (at the top of the stack).

Usage: `python -m bench.profile_summary FILE.collapsed [...] [--top 25]`. Frames are grouped by function and
file (line numbers dropped); a function counted once per sample even when it recurses.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*?)(?::\d+)?\)$")


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


def summarise(text: str, top: int = 25) -> str:
    total = 0
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    threads: Counter[str] = Counter()
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = stack.split(";")
        thread, frames = (frames[0], frames[1:]) if frames[0].startswith(("thread", "process")) else ("", frames)
        names = [_frame(f) for f in frames if f]
        if not names:
            continue
        total += n
        kind = "event loop" if any(name.startswith("run_forever") or "uvloop" in name for name in names[:6]) else ""
        kind = kind or ("worker thread" if any("to_thread" in name or "_worker" in name for name in names) else "other")
        threads[kind or thread] += n
        for name in set(names):
            inclusive[name] += n
        own[names[-1]] += n
    if not total:
        return "no samples\n"
    lines = [f"samples: {total}", "", "thread group | share", "---|---"]
    lines += [f"{name} | {count / total:.1%}" for name, count in threads.most_common()]
    lines += ["", "inclusive (on the stack) | share", "---|---"]
    lines += [f"`{name}` | {count / total:.1%}" for name, count in inclusive.most_common(top)]
    lines += ["", "self (top of the stack) | share", "---|---"]
    lines += [f"`{name}` | {count / total:.1%}" for name, count in own.most_common(top)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    for path in args.files:
        print(f"## {path.stem}\n")
        print(summarise(path.read_text(), args.top))


if __name__ == "__main__":
    main()
