"""Generates the Grafana dashboards: one per service and a suite overview, all from the same panel builders.

uv run python deploy/grafana/generate.py          # rewrite deploy/grafana/dashboards/*.json
uv run python deploy/grafana/generate.py --check  # exit 1 if the committed files differ (CI)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "dashboards"
DATASOURCE = {"type": "prometheus", "uid": "prometheus"}
SERVICES = ("trees", "business_env", "disability", "budget", "emergency", "science")
# Probe and scrape routes would drown the API in RED panels.
API_ROUTES = 'route!~"/livez|/readyz|/metrics"'


def slug(service: str) -> str:
    return service.replace("_", "-")


def target(expr: str, legend: str) -> dict[str, Any]:
    return {"datasource": DATASOURCE, "expr": expr, "legendFormat": legend, "refId": "A"}


def panel(
    title: str,
    targets: list[dict[str, Any]],
    unit: str = "short",
    kind: str = "timeseries",
    description: str = "",
) -> dict[str, Any]:
    for ref, t in zip("ABCDEFGH", targets):
        t["refId"] = ref
    return {
        "type": kind,
        "title": title,
        "description": description,
        "datasource": DATASOURCE,
        "targets": targets,
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {"legend": {"displayMode": "table", "placement": "bottom", "showLegend": True}}
        if kind == "timeseries"
        else {"reduceOptions": {"calcs": ["lastNotNull"]}},
    }


def row(title: str) -> dict[str, Any]:
    return {"type": "row", "title": title, "collapsed": False, "panels": []}


def layout(panels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows span the width; other panels fill a 3-column grid below their row."""
    y, col, out = 0, 0, []
    for pid, p in enumerate(panels, start=1):
        p = {"id": pid, **p}
        if p["type"] == "row":
            y += 8 if col else 0
            p["gridPos"] = {"x": 0, "y": y, "w": 24, "h": 1}
            y, col = y + 1, 0
        else:
            p["gridPos"] = {"x": col * 8, "y": y, "w": 8, "h": 8}
            col += 1
            if col == 3:
                y, col = y + 8, 0
        out.append(p)
    return out


def dashboard(uid: str, title: str, panels: list[dict[str, Any]], tags: list[str]) -> dict[str, Any]:
    return {
        "uid": uid,
        "title": title,
        "tags": ["hunan", *tags],
        "timezone": "Asia/Shanghai",
        "schemaVersion": 39,
        "version": 1,
        "editable": False,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {"list": []},
        "annotations": {"list": []},
        "links": [{"type": "dashboards", "tags": ["hunan"], "asDropdown": True, "title": "Hunan suite"}],
        "panels": layout(panels),
    }


def service_dashboard(service: str) -> dict[str, Any]:
    s = f'service="{service}"'
    rate = "$__rate_interval"
    return dashboard(
        f"hunan-{slug(service)}",
        f"Hunan / {service}",
        [
            row("HTTP: rate, errors, duration per route"),
            panel(
                "Requests per second by route",
                [
                    target(
                        f"sum by (route, method) (rate(http_requests_total{{{s}, {API_ROUTES}}}[{rate}]))",
                        "{{method}} {{route}}",
                    )
                ],
                unit="reqps",
            ),
            panel(
                "5xx ratio by route",
                [
                    target(
                        f'sum by (route) (rate(http_requests_total{{{s}, status=~"5.."}}[{rate}]))'
                        f" / sum by (route) (rate(http_requests_total{{{s}}}[{rate}]))",
                        "{{route}}",
                    )
                ],
                unit="percentunit",
                description="Alert HighErrorRate fires above 5% for the whole service.",
            ),
            panel(
                "p99 latency by route",
                [
                    target(
                        f"histogram_quantile(0.99, sum by (route, le) "
                        f"(rate(http_request_duration_seconds_bucket{{{s}, {API_ROUTES}}}[{rate}])))",
                        "{{route}}",
                    )
                ],
                unit="s",
            ),
            row("Events: outbox, consumers, dead letters"),
            panel(
                "Outbox backlog",
                [target(f"sum(hunan_outbox_backlog{{{s}}})", "unpublished events")],
                description="Rows committed but not yet published; grows while the broker is away.",
            ),
            panel(
                "Outbox oldest event age",
                [target(f"max(hunan_outbox_oldest_age_seconds{{{s}}})", "oldest")],
                unit="s",
                description="Alert OutboxBacklogOld fires above 5 minutes.",
            ),
            panel(
                "Events published per second by topic",
                [target(f"sum by (topic) (rate(hunan_events_published_total{{{s}}}[{rate}]))", "{{topic}}")],
                unit="ops",
            ),
            panel(
                "Consumer lag by topic",
                [target(f"sum by (consumer, topic) (hunan_consumer_lag{{{s}}})", "{{consumer}} {{topic}}")],
                description="Alert ConsumerLagHigh fires above 1000 messages.",
            ),
            panel(
                "Events consumed per second by outcome",
                [
                    target(
                        f"sum by (topic, outcome) (rate(hunan_events_consumed_total{{{s}}}[{rate}]))",
                        "{{topic}} {{outcome}}",
                    )
                ],
                unit="ops",
                description="duplicate = redelivery absorbed by the inbox.",
            ),
            panel(
                "Handler p99 duration by event type",
                [
                    target(
                        f"histogram_quantile(0.99, sum by (type, le) (rate(hunan_handler_duration_seconds_bucket{{{s}}}[{rate}])))",
                        "{{type}}",
                    )
                ],
                unit="s",
            ),
            panel(
                "Handler failures per second",
                [
                    target(
                        f"sum by (consumer, topic) (rate(hunan_events_failed_total{{{s}}}[{rate}]))",
                        "{{consumer}} {{topic}}",
                    )
                ],
                unit="ops",
                description="Failed attempts; retried before dead-lettering.",
            ),
            panel(
                "Dead-lettered (last hour)",
                [
                    target(
                        f"sum by (topic) (increase(hunan_events_dead_lettered_total{{{s}}}[1h]))",
                        "{{topic}}.dlt",
                    )
                ],
                description="Alert DeadLettersPresent; replay after fixing the handler.",
            ),
            row("Dependencies and calendar"),
            panel("Broker connected", [target(f"min(hunan_broker_connected{{{s}}})", "broker")], kind="stat"),
            panel("Database up", [target(f"min(hunan_db_up{{{s}}})", "database")], kind="stat"),
            panel(
                "Working-day calendar: last published year",
                [
                    target(f"min(hunan_calendar_last_published_year{{{s}}})", "last published year"),
                    target(
                        f"sum(increase(hunan_calendar_provisional_deadlines_total{{{s}}}[24h]))",
                        "provisional deadlines (24h)",
                    ),
                ],
                kind="stat",
            ),
            row("Domain indicators"),
            panel(
                f"{service} indicators",
                [target(f"hunan_{service}_indicator", "{{indicator}}")],
                description=f"Domain gauges hunan_{service}_indicator{{indicator=...}}.",
            ),
        ],
        [slug(service)],
    )


def overview() -> dict[str, Any]:
    rate = "$__rate_interval"
    return dashboard(
        "hunan-overview",
        "Hunan / suite overview",
        [
            row("Services"),
            panel("Targets up", [target('sum by (job) (up{job=~"hunan-.+"})', "{{job}}")], kind="stat"),
            panel(
                "Requests per second",
                [target(f"sum by (service) (rate(http_requests_total{{{API_ROUTES}}}[{rate}]))", "{{service}}")],
                unit="reqps",
            ),
            panel(
                "5xx ratio",
                [
                    target(
                        f'sum by (service) (rate(http_requests_total{{status=~"5.."}}[{rate}]))'
                        f" / sum by (service) (rate(http_requests_total[{rate}]))",
                        "{{service}}",
                    )
                ],
                unit="percentunit",
            ),
            panel(
                "p99 latency",
                [
                    target(
                        f"histogram_quantile(0.99, sum by (service, le) "
                        f"(rate(http_request_duration_seconds_bucket{{{API_ROUTES}}}[{rate}])))",
                        "{{service}}",
                    )
                ],
                unit="s",
            ),
            row("Events"),
            panel(
                "Consumer lag",
                [target("sum by (service, topic) (hunan_consumer_lag)", "{{service}} {{topic}}")],
            ),
            panel("Outbox backlog", [target("sum by (service) (hunan_outbox_backlog)", "{{service}}")]),
            panel(
                "Outbox oldest event age",
                [target("max by (service) (hunan_outbox_oldest_age_seconds)", "{{service}}")],
                unit="s",
            ),
            panel(
                "Dead-lettered (last hour)",
                [
                    target(
                        "sum by (service, topic) (increase(hunan_events_dead_lettered_total[1h]))",
                        "{{service}} {{topic}}",
                    )
                ],
            ),
            panel(
                "Handler p99 duration",
                [
                    target(
                        f"histogram_quantile(0.99, sum by (service, le) (rate(hunan_handler_duration_seconds_bucket[{rate}])))",
                        "{{service}}",
                    )
                ],
                unit="s",
            ),
            row("Dependencies"),
            panel(
                "Broker connected",
                [target("min by (service) (hunan_broker_connected)", "{{service}}")],
                kind="stat",
            ),
            panel("Database up", [target("min by (service) (hunan_db_up)", "{{service}}")], kind="stat"),
            panel(
                "Calendar last published year",
                [target("min by (service) (hunan_calendar_last_published_year)", "{{service}}")],
                kind="stat",
            ),
        ],
        ["overview"],
    )


def render() -> dict[str, str]:
    boards = {f"hunan-{slug(s)}.json": service_dashboard(s) for s in SERVICES}
    boards["hunan-overview.json"] = overview()
    return {
        name: json.dumps(board, indent=2, ensure_ascii=False, sort_keys=True) + "\n" for name, board in boards.items()
    }


def main(argv: list[str]) -> int:
    files = render()
    if "--check" in argv:
        committed = {p.name for p in OUT.glob("*.json")}
        stale = [
            n for n, text in files.items() if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != text
        ]
        extra = sorted(committed - set(files))
        for name in stale + extra:
            print(f"deploy/grafana/dashboards/{name} is stale: run deploy/grafana/generate.py", file=sys.stderr)
        return 1 if stale or extra else 0
    OUT.mkdir(exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
