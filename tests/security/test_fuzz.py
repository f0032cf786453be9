"""API fuzzing with schemathesis against every service's OpenAPI document, in-process (ASGI), on PostgreSQL,
with a bearer token of all scopes (what `hunan token --scope all` mints).

Checks per response: no 5xx, status code documented, content type documented, body conforms to the
response schema, headers conform, and every 4xx is RFC 9457 problem+json. Bounded for CI (a few examples
per operation); HUNAN_FUZZ_LONG=1 runs many more.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis import checks as builtin

from .conftest import build_app, service_params

LONG = os.environ.get("HUNAN_FUZZ_LONG") == "1"
EXAMPLES = 60 if LONG else 4


class ProblemDetailsError(AssertionError):
    """A 4xx answer that is not an RFC 9457 problem document."""


@schemathesis.check
def errors_are_problem_json(ctx, response, case):
    if 400 <= response.status_code < 600:
        content_type = response.headers.get("content-type", [""])
        content_type = content_type[0] if isinstance(content_type, list) else content_type
        if not content_type.startswith("application/problem+json"):
            raise ProblemDetailsError(f"{response.status_code} answered with {content_type!r}, not problem+json")
        body = response.json()
        missing = {"type", "title", "status"} - set(body)
        if missing or body["status"] != response.status_code:
            raise ProblemDetailsError(f"problem document lacks {sorted(missing)} or has the wrong status: {body}")


@schemathesis.check
def no_server_error_but_dependency_outage(ctx, response, case):
    """5xx is a failure, except a documented 503 problem saying a *dependency* is away (in-process, a service
    that calls another synchronously, e.g. business_env -> trees, has nobody to call)."""
    if response.status_code >= 500:
        body = response.json() if response.headers.get("content-type", [""])[0].startswith("application/") else {}
        if not (response.status_code == 503 and str(body.get("type", "")).endswith(":dependency-unavailable")):
            raise AssertionError(f"server error {response.status_code}: {response.text[:500]}")
    return None


CHECKS = [
    no_server_error_but_dependency_outage,
    builtin.status_code_conformance,
    builtin.content_type_conformance,
    builtin.response_schema_conformance,
    builtin.response_headers_conformance,
    errors_are_problem_json,
]


@pytest.mark.parametrize("service", list(service_params()))
def test_api_holds_its_contract_under_fuzzing(service, pg_schemas, tmp_path, tokens):
    # schemathesis' own pytest integration (from_fixture(...).parametrize()) breaks on pytest 9 ('Function'
    # object has no attribute '_nodeid'), so each operation is driven here with its Hypothesis strategy.
    from hypothesis import given
    from hypothesis.errors import Unsatisfiable
    from schemathesis.generation import GenerationMode
    from schemathesis.python.asgi import shutdown_lifespans

    app = build_app(service, pg_schemas(), tmp_path / service)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    # The published `servers` name the gateway (<public URL>/<service>); the fuzzer calls the service itself.
    schema.raw_schema["servers"] = [{"url": "/"}]
    assert schema.base_path == "/"
    headers = tokens.all(sub="fuzzer")
    failures: dict[str, str] = {}
    statuses: Counter = Counter()
    calls = 0
    try:
        operations = [result.ok() for result in schema.get_all_operations()]
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

                @given(case=operation.as_strategy(generation_mode=mode))
                @settings(
                    max_examples=EXAMPLES,
                    deadline=None,
                    derandomize=not LONG,
                    database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )
                def run(case):
                    nonlocal calls
                    calls += 1
                    response = case.call_and_validate(headers=headers, checks=CHECKS)
                    statuses[response.status_code // 100 * 100] += 1

                try:
                    run()
                except Unsatisfiable:
                    pass  # no parameters to make invalid (e.g. GET /livez in negative mode)
                except Exception as exc:  # noqa: BLE001 - collect every operation's failure, report them together
                    failures[f"{operation.label} ({mode.value})"] = str(exc)[:1500]
    finally:
        shutdown_lifespans()  # stop the app (relay task, engine) before its schema is dropped
    print(
        f"\n[fuzz] {service}: {len(operations)} operations, {calls} calls, {len(failures)} failing, "
        f"responses by class {dict(statuses)}"
    )
    assert statuses[400] > 0, "no 4xx answer was produced: the problem+json check was never exercised"
    assert not failures, "\n\n".join(f"{label}:\n{error}" for label, error in failures.items())
