"""The event catalogue is the one place a new event is declared: the services' wiring and the deploy files'
topic lists must agree with it, so a change that forgets one of them fails here."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import yaml

from hunan_shared.events.catalogue import CATALOGUE
from hunan_shared.settings import DEFAULT_PORTS

ROOT = Path(__file__).resolve().parents[2]
TOPICS = {cls.TOPIC for cls in CATALOGUE.values()}


@pytest.mark.parametrize("service", sorted(DEFAULT_PORTS))
def test_a_service_produces_its_catalogue_events_and_handles_only_events_naming_it(service):
    spec = importlib.import_module(f"hunan_{service}.app").SPEC
    produced = {cls.TYPE for cls in spec.produces}
    assert produced == {t for t, cls in CATALOGUE.items() if cls.PRODUCER == service}
    for cls in spec.handlers:
        assert service in cls.CONSUMERS, f"{service} handles {cls.TYPE}: add it to the event's CONSUMERS"


def test_compose_creates_every_catalogue_topic():
    script = (ROOT / "deploy" / "kafka" / "create-topics.sh").read_text(encoding="utf-8")
    listed = re.search(r"TOPICS=\(\n(.*?)\n\)", script, re.DOTALL)
    assert listed is not None
    assert set(listed.group(1).split()) == TOPICS


def test_kubernetes_declares_every_catalogue_topic_and_its_dead_letters():
    documents = yaml.safe_load_all((ROOT / "deploy" / "k8s" / "base" / "kafka" / "topics.yaml").read_text("utf-8"))
    names = {d["spec"]["topicName"] for d in documents if d and d.get("kind") == "KafkaTopic"}
    assert names == TOPICS | {f"{t}.dlt" for t in TOPICS}
