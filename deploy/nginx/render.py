"""Renders deploy/nginx/nginx.conf.template with the gateway's listen address and the services' ports.

uv run python deploy/nginx/render.py                    # rewrite deploy/nginx/nginx.conf (default ports)
uv run python deploy/nginx/render.py --check            # exit 1 if the committed nginx.conf is stale
uv run python deploy/nginx/render.py --listen 127.0.0.1:9000 --port trees=18101 --output /tmp/x/nginx.conf
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from hunan_shared.settings import DEFAULT_PORTS

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx.conf.template"
RENDERED = HERE / "nginx.conf"
# The services' default ports come from the suite's settings; the gateway itself listens on 8100.
DEFAULT_LISTEN = "127.0.0.1:8100"


def render(ports: dict[str, int] | None = None, listen: str = DEFAULT_LISTEN) -> str:
    ports = {**DEFAULT_PORTS, **(ports or {})}
    if set(ports) != set(DEFAULT_PORTS):
        raise ValueError(f"unknown service(s): {sorted(set(ports) - set(DEFAULT_PORTS))}")
    values = {f"{name.upper()}_PORT": str(port) for name, port in ports.items()} | {"LISTEN": listen}
    text = TEMPLATE.read_text(encoding="utf-8")
    text = re.sub(r"@([A-Z_]+)@", lambda m: values[m.group(1)], text)
    return "# GENERATED from nginx.conf.template by deploy/nginx/render.py: edit the template.\n" + text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listen", default=DEFAULT_LISTEN, help="address:port the gateway listens on")
    parser.add_argument("--port", action="append", default=[], metavar="SERVICE=PORT")
    parser.add_argument("--output", type=Path, default=RENDERED)
    parser.add_argument("--check", action="store_true", help="compare the committed nginx.conf instead of writing")
    args = parser.parse_args(argv)
    ports = {k: int(v) for k, v in (item.split("=", 1) for item in args.port)}
    text = render(ports, args.listen)
    if args.check:
        if not RENDERED.exists() or RENDERED.read_text(encoding="utf-8") != render():
            print("deploy/nginx/nginx.conf is stale: run deploy/nginx/render.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
