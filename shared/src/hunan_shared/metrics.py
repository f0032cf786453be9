"""Prometheus metrics of one service: RED per route, event flow, outbox, consumer lag, health gauges.

Each app gets its own CollectorRegistry (several apps can live in one test process); every series carries
a constant `service` label so one Prometheus can scrape the whole suite. Names are the contract used by
the dashboards and alert rules in deploy/.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self, service: str):
        self.service = service
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.http_requests = Counter(
            "http_requests", "HTTP requests by route and status", ["service", "method", "route", "status"], registry=r
        )
        self.http_duration = Histogram(
            "http_request_duration_seconds",
            "HTTP request duration",
            ["service", "method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.events_published = Counter(
            "hunan_events_published", "Events published from the outbox", ["service", "topic", "type"], registry=r
        )
        self.events_consumed = Counter(
            "hunan_events_consumed",
            "Events consumed (processed or skipped as duplicate)",
            ["service", "consumer", "topic", "type", "outcome"],
            registry=r,
        )
        self.events_failed = Counter(
            "hunan_events_failed", "Handler attempts that raised", ["service", "consumer", "topic"], registry=r
        )
        self.events_dead_lettered = Counter(
            "hunan_events_dead_lettered",
            "Messages sent to a dead-letter topic",
            ["service", "consumer", "topic"],
            registry=r,
        )
        self.events_refused = Counter(
            "hunan_events_refused",
            "Messages refused before any handler (forged source, invalid envelope or payload) and dead-lettered",
            ["service", "consumer", "topic", "reason"],
            registry=r,
        )
        self.outbox_backlog = Gauge("hunan_outbox_backlog", "Outbox rows not yet published", ["service"], registry=r)
        self.outbox_oldest_age = Gauge(
            "hunan_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox row", ["service"], registry=r
        )
        self.consumer_lag = Gauge(
            "hunan_consumer_lag",
            "Messages behind the partition end",
            ["service", "consumer", "topic", "partition"],
            registry=r,
        )
        self.handler_duration = Histogram(
            "hunan_handler_duration_seconds",
            "Event handler duration",
            ["service", "consumer", "type"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.broker_connected = Gauge(
            "hunan_broker_connected", "1 when the Kafka producer is connected", ["service"], registry=r
        )
        self.db_up = Gauge("hunan_db_up", "1 when the last database check succeeded", ["service"], registry=r)
        self.calendar_last_year = Gauge(
            "hunan_calendar_last_published_year",
            "Last year with an official working-day calendar",
            ["service"],
            registry=r,
        )
        self.calendar_provisional = Counter(
            "hunan_calendar_provisional_deadlines",
            "Deadlines computed with the fallback rule (past the published calendar)",
            ["service"],
            registry=r,
        )
        self.job_last_success = Gauge(
            "hunan_job_last_success_timestamp_seconds",
            "Unix time of the job's last successful run (any replica; 0 = never)",
            ["service", "job_name"],
            registry=r,
        )
        self.job_interval = Gauge(
            "hunan_job_interval_seconds", "How often the job is due", ["service", "job_name"], registry=r
        )
        self.job_duration = Gauge(
            "hunan_job_duration_seconds",
            "Duration of the job's last run in this replica",
            ["service", "job_name"],
            registry=r,
        )
        self.job_items = Counter(
            "hunan_job_items_handled",
            "Items handled by the job's runs in this replica",
            ["service", "job_name"],
            registry=r,
        )
        self.job_runs = Counter(
            "hunan_job_runs", "Job runs in this replica by outcome", ["service", "job_name", "outcome"], registry=r
        )
        self.indicators = Gauge(
            f"hunan_{service}_indicator",
            f"Domain indicators of the {service} service",
            ["service", "indicator"],
            registry=r,
        )
