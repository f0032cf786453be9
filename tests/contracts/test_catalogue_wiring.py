"""The event catalogue is the one place a new event is declared: the services' wiring and the deploy files'
topic lists must agree with it, so a change that forgets one of them fails here."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import yaml

from hunan_shared import contracts
from hunan_shared.events.catalogue import CATALOGUE
from hunan_shared.settings import DEFAULT_PORTS

ROOT = Path(__file__).resolve().parents[2]
TOPICS = {cls.TOPIC for cls in CATALOGUE.values()}


@pytest.mark.parametrize("service", sorted(DEFAULT_PORTS))
def test_a_service_produces_its_catalogue_events_and_runs_its_handlers_map(service):
    spec = importlib.import_module(f"hunan_{service}.app").SPEC
    produced = {cls.TYPE for cls in spec.produces}
    assert produced == {t for t, cls in CATALOGUE.items() if cls.PRODUCER == service}
    # The consumer runs exactly the HANDLERS of handlers.py, the map every consumer list derives from.
    assert spec.handlers == importlib.import_module(f"hunan_{service}.handlers").HANDLERS
    for cls in spec.handlers:
        assert CATALOGUE.get(cls.TYPE) is cls, f"{service} handles {cls.TYPE}, which is not in the catalogue"
        assert cls.PRODUCER != service, f"{service} consumes its own {cls.TYPE}"


def test_no_catalogue_event_declares_its_consumers_by_hand():
    for cls in CATALOGUE.values():
        assert cls.CONSUMERS == (), f"{cls.TYPE}: remove CONSUMERS; consumers are the services' HANDLERS"


def test_consumers_derive_from_the_handler_maps():
    consumers = contracts.consumers_by_event()
    assert set(consumers) == set(CATALOGUE)
    for event_type, services in consumers.items():
        for service in DEFAULT_PORTS:
            handlers = importlib.import_module(f"hunan_{service}.handlers").HANDLERS
            assert (service in services) == (CATALOGUE[event_type] in handlers), (event_type, service)
    topics = contracts.consumed_topics()
    assert topics["business_env"] == ()  # it exchanges no events (it calls trees over HTTP)
    for service, names in topics.items():
        assert set(names) == {CATALOGUE[t].TOPIC for t, s in consumers.items() if service in s}


def test_every_consumer_named_in_the_published_asyncapi_has_a_handler():
    document = yaml.safe_load(contracts.ASYNCAPI_PATH.read_text(encoding="utf-8"))
    messages = document["components"]["messages"]
    receivers = [op for op in document["operations"].values() if op["action"] == "receive"]
    assert receivers, "the document names no consumer at all"
    named: set[tuple[str, str]] = set()
    for operation in receivers:
        service = operation["bindings"]["kafka"]["groupId"]["const"].removeprefix("hunan.")
        handlers = importlib.import_module(f"hunan_{service}.handlers").HANDLERS
        for ref in operation["messages"]:
            event_type = messages[ref["$ref"].rsplit("/", 1)[1]]["name"]
            assert CATALOGUE[event_type] in handlers, f"asyncapi says {service} consumes {event_type}: no handler"
            named.add((event_type, service))
    for name, message in messages.items():
        assert message["x-consumers"] == list(contracts.consumers_by_event()[message["name"]]), name
    # ... and every handler is published (the committed document is regenerated from the code).
    derived = {(t, s) for t, services in contracts.consumers_by_event().items() for s in services}
    assert named == derived


def test_compose_creates_every_catalogue_topic():
    script = (ROOT / "deploy" / "kafka" / "create-topics.sh").read_text(encoding="utf-8")
    listed = re.search(r"TOPICS=\(\n(.*?)\n\)", script, re.DOTALL)
    assert listed is not None
    assert set(listed.group(1).split()) == TOPICS


def test_kubernetes_declares_every_catalogue_topic_and_its_dead_letters():
    documents = yaml.safe_load_all((ROOT / "deploy" / "k8s" / "base" / "kafka" / "topics.yaml").read_text("utf-8"))
    names = {d["spec"]["topicName"] for d in documents if d and d.get("kind") == "KafkaTopic"}
    assert names == TOPICS | {f"{t}.dlt" for t in TOPICS}
