"""The suite's published contracts, generated from code: AsyncAPI 3.0 from the event catalogue and the
OpenAPI document of every service. `python -m hunan_shared.contracts write|check` (make docs); a test runs
`check` so the committed documents never drift from the code."""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from hunan_shared.events.catalogue import CATALOGUE, Event
from hunan_shared.settings import DEFAULT_PORTS

ROOT = Path(__file__).resolve().parents[3]
ASYNCAPI_PATH = ROOT / "docs" / "asyncapi.yaml"
OVERVIEW_PATH = ROOT / "docs" / "architecture.md"
OPENAPI_DIR = ROOT / "docs" / "openapi"
EVENT_SCHEMA_DIR = ROOT / "docs" / "schemas" / "events"
KAFKA_BINDING = "0.5.0"

CLOUDEVENTS_HEADERS: dict[str, Any] = {
    "type": "object",
    "description": "CloudEvents 1.0 Kafka protocol binding, binary content mode, plus W3C trace context.",
    "required": [
        "ce_specversion",
        "ce_id",
        "ce_source",
        "ce_type",
        "ce_time",
        "ce_dataschema",
        "content-type",
        "traceparent",
    ],
    "properties": {
        "ce_specversion": {"type": "string", "const": "1.0"},
        "ce_id": {"type": "string", "description": "Event id (UUID); consumers deduplicate on it"},
        "ce_source": {"type": "string", "description": "Producing service, e.g. /hunan/emergency"},
        "ce_type": {"type": "string", "description": "hunan.<domain>.<aggregate>.<past-tense-verb>"},
        "ce_time": {"type": "string", "format": "date-time"},
        "ce_subject": {"type": "string", "description": "<aggregate>/<aggregate id>"},
        "ce_dataschema": {
            "type": "string",
            "format": "uri",
            "description": "<HUNAN_PUBLIC_URL>/schemas/events/<type>/v<version>.json: the payload's JSON Schema, "
            "served by the gateway (also published in docs/schemas/events/)",
        },
        "content-type": {"type": "string", "const": "application/json"},
        "traceparent": {
            "type": "string",
            "pattern": "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$",
            "description": "W3C trace context of the originating request (a new trace when no request caused "
            "the event); on every event, whether or not the producer exports spans",
        },
        "tracestate": {"type": "string"},
    },
}


def _message_name(cls: type[Event]) -> str:
    return cls.__name__


def handler_maps() -> dict[str, dict[type[Event], Any]]:
    """Each service's HANDLERS (hunan_<service>.handlers), the map its consumer runs."""
    return {service: dict(importlib.import_module(f"hunan_{service}.handlers").HANDLERS) for service in DEFAULT_PORTS}


def consumers_by_event() -> dict[str, tuple[str, ...]]:
    """Event type -> the services that consume it (sorted), for every catalogue event (empty when nobody
    does). Derived from the services' HANDLERS: the one source of truth for the AsyncAPI receive operations,
    the flows of docs/architecture.md, the contract tests and the Kafka ACLs of deploy/."""
    consumers: dict[str, set[str]] = {event_type: set() for event_type in CATALOGUE}
    for service, handlers in handler_maps().items():
        for cls in handlers:
            consumers.setdefault(cls.TYPE, set()).add(service)
    return {event_type: tuple(sorted(names)) for event_type, names in sorted(consumers.items())}


def consumed_topics() -> dict[str, tuple[str, ...]]:
    """Service -> the topics it reads (sorted), from its HANDLERS (its consumer group subscribes to these)."""
    return {service: tuple(sorted({cls.TOPIC for cls in handlers})) for service, handlers in handler_maps().items()}


def asyncapi_document() -> dict[str, Any]:
    schemas: dict[str, Any] = {"CloudEventHeaders": CLOUDEVENTS_HEADERS}
    messages: dict[str, Any] = {}
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    consumers_of = consumers_by_event()
    for event_type, cls in sorted(CATALOGUE.items()):
        name = _message_name(cls)
        # Serialization mode: the payload as it is on the wire (decimals are strings).
        schema = cls.model_json_schema(mode="serialization", ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[name] = schema
        messages[name] = {
            "name": event_type,
            "title": name,
            "summary": cls.SUMMARY,
            "contentType": "application/json",
            "headers": {"$ref": "#/components/schemas/CloudEventHeaders"},
            "payload": {"$ref": f"#/components/schemas/{name}"},
            "correlationId": {"location": "$message.header#/ce_id"},
            "bindings": {
                "kafka": {
                    "key": {"type": "string", "description": f"{cls.KEY} (aggregate id)"},
                    "bindingVersion": KAFKA_BINDING,
                }
            },
            "examples": [message_example(cls)],
            "x-personal-data": cls.PERSONAL_DATA,
            "x-dataschema": cls.dataschema(),
            "x-consumers": list(consumers_of[event_type]),
        }
        channel = channels.setdefault(
            cls.TOPIC,
            {
                "address": cls.TOPIC,
                "description": f"Events of the {cls.aggregate_type()} aggregate; key = aggregate id, so one "
                f"aggregate's events stay ordered. Dead letters: {cls.TOPIC}.dlt.",
                "messages": {},
            },
        )
        channel["messages"][name] = {"$ref": f"#/components/messages/{name}"}
        ref = {"$ref": f"#/channels/{cls.TOPIC}"}
        message_ref = [{"$ref": f"#/channels/{cls.TOPIC}/messages/{name}"}]
        operations[f"{cls.PRODUCER}.publish.{name}"] = {
            "action": "send",
            "channel": ref,
            "messages": message_ref,
            "summary": f"{cls.PRODUCER} publishes {event_type}",
        }
        for consumer in consumers_of[event_type]:
            operations[f"{consumer}.receive.{name}"] = {
                "action": "receive",
                "channel": ref,
                "messages": message_ref,
                "summary": f"{consumer} consumes {event_type}",
                "bindings": {
                    "kafka": {
                        "groupId": {"type": "string", "const": f"hunan.{consumer}"},
                        "bindingVersion": KAFKA_BINDING,
                    }
                },
            }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Hunan policy services suite — domain events",
            "version": "1.0.0",
            "description": "Events exchanged by the six services and offered to other agencies. Generated from "
            "hunan_shared.events.catalogue; do not edit by hand (make docs).",
        },
        "defaultContentType": "application/json",
        "servers": {
            "production": {
                "host": "{bootstrap}",
                "protocol": "kafka-secure",
                "description": "The production Apache Kafka cluster (Strimzi, deploy/k8s): TLS listener with "
                "SASL/SCRAM-SHA-512; each client is a KafkaUser whose ACLs allow its own topics only.",
                "variables": {
                    "bootstrap": {
                        "default": "hunan-kafka-bootstrap.kafka.svc:9093",
                        "description": "Bootstrap address of the TLS listener (inside the cluster by default; an "
                        "outside agency receives its address with its credentials)",
                    }
                },
                "security": [{"$ref": "#/components/securitySchemes/scram"}],
            },
            "local": {
                "host": "127.0.0.1:9092",
                "protocol": "kafka",
                "description": "Local development broker of `hunan up` (plaintext, no authentication)",
            },
        },
        "channels": dict(sorted(channels.items())),
        "operations": dict(sorted(operations.items())),
        "components": {
            "messages": messages,
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {
                "scram": {
                    "type": "scramSha512",
                    "description": "SASL/SCRAM-SHA-512 over TLS; credentials from the client's KafkaUser Secret, "
                    "the cluster CA bundle to verify the brokers.",
                }
            },
        },
    }


def message_example(cls: type[Event]) -> dict[str, Any]:
    """A realistic CloudEvents message of `cls` (headers and payload), its payload valid for the model."""
    from hunan_shared.openapi import example_of

    schema = cls.model_json_schema(mode="serialization", ref_template="#/components/schemas/{model}")
    payload = example_of(schema, schema.get("$defs", {}), "", cls.__name__)
    event = cls.model_validate(payload)  # a wrong example fails `make docs` here
    key = event.key()
    return {
        "name": event_type_verb(cls),
        "summary": cls.SUMMARY,
        "headers": {
            "ce_specversion": "1.0",
            "ce_id": "0b7e3f0c-5a8d-4d7b-9a43-" + hashlib.sha256(cls.TYPE.encode()).hexdigest()[:12],
            "ce_source": f"/hunan/{cls.PRODUCER}",
            "ce_type": cls.TYPE,
            "ce_time": "2026-07-14T01:30:02.418Z",
            "ce_subject": f"{cls.aggregate_type()}/{key}",
            "ce_dataschema": cls.dataschema(),
            "content-type": "application/json",
            "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        },
        "payload": event.model_dump(mode="json"),
    }


def event_type_verb(cls: type[Event]) -> str:
    return cls.TYPE.rsplit(".", 1)[1]


def event_schema_files() -> dict[Path, str]:
    """docs/schemas/events/<type>/v<version>.json: the payload schemas the `dataschema` URLs serve."""
    return {
        EVENT_SCHEMA_DIR / cls.TYPE / f"v{cls.VERSION}.json": json.dumps(
            cls.payload_schema(), ensure_ascii=False, indent=1, sort_keys=True
        )
        + "\n"
        for cls in CATALOGUE.values()
    }


def render_asyncapi() -> str:
    text: str = yaml.safe_dump(asyncapi_document(), allow_unicode=True, sort_keys=False, width=110)
    return text


@functools.cache
def openapi_documents() -> dict[str, dict[str, Any]]:
    """The published OpenAPI document of every service (built once per process: do not mutate them)."""
    from hunan_shared.service import build_app_for_docs

    documents = {}
    for service in DEFAULT_PORTS:
        spec = importlib.import_module(f"hunan_{service}.app").SPEC
        documents[service] = build_app_for_docs(spec).openapi()
    return documents


def _node(name: str) -> str:
    return name.replace(".", "_")


def render_event_flows() -> str:
    """The services, topics and event flows of the catalogue, as a mermaid diagram plus a table (markdown)."""
    flows: dict[tuple[str, str], list[str]] = {}  # (from, to) -> event names, producer→topic and topic→consumer
    consumers_of = consumers_by_event()
    for event_type, cls in sorted(CATALOGUE.items()):
        verb = event_type.rsplit(".", 1)[1]
        flows.setdefault((cls.PRODUCER, cls.TOPIC), []).append(verb)
        for consumer in consumers_of[event_type]:
            flows.setdefault((cls.TOPIC, consumer), []).append(verb)
    services = sorted(set(DEFAULT_PORTS))
    topics = sorted({cls.TOPIC for cls in CATALOGUE.values()})
    lines = ["```mermaid", "flowchart LR"]
    lines += [f"    {_node(s)}[{s}]" for s in services]
    lines += [f"    {_node(t)}[({t})]" for t in topics]  # topic ids contain a dot, service ids never do
    lines += [f'    {_node(a)} -- "{", ".join(verbs)}" --> {_node(b)}' for (a, b), verbs in sorted(flows.items())]
    lines += ["```", "", "| event type | topic | producer | consumers (their HANDLERS) | personal data |"]
    lines.append("|---|---|---|---|---|")
    for event_type, cls in sorted(CATALOGUE.items()):
        consumers = ", ".join(consumers_of[event_type]) or "— (published for other agencies)"
        lines.append(f"| `{event_type}` | `{cls.TOPIC}` | {cls.PRODUCER} | {consumers} | {cls.PERSONAL_DATA} |")
    return "\n".join(lines) + "\n"


FLOWS_BEGIN = "<!-- generated by `python -m hunan_shared.contracts write` from the event catalogue: do not edit -->"
FLOWS_END = "<!-- end of generated event flows -->"


def render_architecture() -> str:
    """docs/architecture.md with its generated section (between the markers) brought up to date."""
    text = OVERVIEW_PATH.read_text(encoding="utf-8")
    head, begin, rest = text.partition(FLOWS_BEGIN)
    _, end, tail = rest.partition(FLOWS_END)
    if not begin or not end:
        raise ValueError(f"{OVERVIEW_PATH.name} lost its generated-section markers")
    return f"{head}{FLOWS_BEGIN}\n{render_event_flows()}{FLOWS_END}{tail}"


def _expected_files() -> dict[Path, str]:
    files = {ASYNCAPI_PATH: render_asyncapi(), OVERVIEW_PATH: render_architecture(), **event_schema_files()}
    for service, document in openapi_documents().items():
        files[OPENAPI_DIR / f"{service}.json"] = (
            json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        )
    return files


def write() -> None:
    for path, text in _expected_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


def stale() -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for path, text in _expected_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "write":
        write()
    else:
        drift = stale()
        if drift:
            print("out of date (run `make docs`): " + ", ".join(drift))
            sys.exit(1)
        print("contracts up to date")
