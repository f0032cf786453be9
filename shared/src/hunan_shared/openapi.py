"""The published OpenAPI document of a service: FastAPI's document, finished for clients that call the
suite through the API gateway.

- `servers`: the gateway's base URL (HUNAN_PUBLIC_URL) plus `/<service>`; the service keeps its own
  `/v1/...` paths, the gateway strips the service prefix (docs/adr/0010-public-path-scheme.md).
- errors: `application/problem+json` with the `Problem` schema, 500 included.
- `Idempotency-Key`: declared on every operation that runs through `hunan_shared.api.Writer`.
- security: one OAuth2 scheme whose scopes are described from `hunan_shared.scopes`.
- examples: every request body and every response carries one, generated from its schema with realistic
  values for the suite's common fields (and validated against the schema before it is published).
"""

from __future__ import annotations

import copy
import hashlib
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from starlette.routing import BaseRoute

from hunan_shared.api import MAX_IDEMPOTENCY_KEY, writer
from hunan_shared.problems import PROBLEM_JSON, problem_type
from hunan_shared.scopes import SCOPES
from hunan_shared.settings import DEFAULT_PUBLIC_URL

DEFAULT_TOKEN_URL = "http://127.0.0.1:8100/oauth2/token"
SECURITY_SCHEME = "oauth2"
IDEMPOTENCY_HEADER = "Idempotency-Key"

ERROR_DESCRIPTIONS = {500: "Unexpected error (logged with the request's X-Request-ID)"}


def gateway_server(service: str, public_url: str | None) -> dict[str, Any]:
    """The server object: `{gateway}/<service>`, the gateway's base URL a variable defaulting to `public_url`."""
    return {
        "url": "{gateway}/" + service,
        "description": "The suite's API gateway; it routes /<service>/... to the service's own path.",
        "variables": {
            "gateway": {
                "default": (public_url or DEFAULT_PUBLIC_URL).rstrip("/"),
                "description": "Base URL of the API gateway (HUNAN_PUBLIC_URL of the deployment)",
            }
        },
    }


def public_base_url(service: str, public_url: str | None) -> str:
    """The URL a client puts before the document's paths: gateway base + `/<service>`."""
    return f"{(public_url or DEFAULT_PUBLIC_URL).rstrip('/')}/{service}"


# --- which operations honour Idempotency-Key ---------------------------------------------------------------


def _uses(dependant: Dependant, call: Callable[..., Any]) -> bool:
    return dependant.call is call or any(_uses(d, call) for d in dependant.dependencies)


def api_routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    """Every APIRoute, including those of included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (router := getattr(route, "original_router", None)) is not None:
            yield from api_routes(router.routes)


def idempotent_operations(app: FastAPI) -> set[str]:
    """Operation ids whose handler runs through `Writer` (which honours Idempotency-Key)."""
    return {route.operation_id or route.unique_id for route in api_routes(app.routes) if _uses(route.dependant, writer)}


# --- examples ---------------------------------------------------------------------------------------------

EXAMPLE_TIME = "2026-07-14T09:30:00+08:00"
EXAMPLE_DATE = "2026-07-14"


def _id_number() -> str:
    """A well-formed resident identity number (GB 11643 check digit) of a Changsha Furong resident."""
    body = "43010219850315002"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


# Realistic values of the suite's common fields (by property name), used when they fit the field's schema.
FIELD_EXAMPLES: dict[str, Any] = {
    "division_code": "430102",
    "respondent_division_code": "430104",
    "destination_division": "430111",
    "declaring_division": "430100",
    "division_codes": ["430102", "430104"],
    "added_division_codes": ["430111"],
    "hazard": "FLOOD_DROUGHT",
    "response_level": "III",
    "previous_level": "IV",
    "colour": "orange",
    "title": "Xiangjiang flood, Changsha urban districts",
    "headline": "Orange rainstorm warning: Changsha, 50 mm in 3 hours expected",
    "phone": "13807310000",
    "contact_phone": "0731-84567890".replace("-", ""),
    "id_number": _id_number(),
    "uscc": "91430100MA4L16JQ9B",
    "month": "2026-06",
    "payroll_month": "2026-06",
    "currency": "CNY",
    "amount": "12800.00",
    "total": "12800.00",
    "species": "Cinnamomum camphora (香樟)",
    "tree_no": "430102-0007",
    "matter_id": "NR-012",
    "code": "drinking_water",
    "item": "tent",
    "unit": "piece",
    "township": "Dongtundu Subdistrict",
    "village": "Nongke Village",
    "school": "Changsha Special Education School",
    "owner": "Changsha Yuelu District Forestry Bureau",
    "applicant": "Changsha Metro Group Co., Ltd.",
    "enterprise": "Hunan Xiangjiang Building Materials Co., Ltd.",
    "respondent": "Changsha Yuelu District Market Supervision Bureau",
    "complainant": "Hunan Lüyuan Catering Co., Ltd.",
    "department": "Changsha Municipal Emergency Management Bureau",
    "reporting_unit": "Furong District Emergency Management Bureau",
    "guardian": "Wang Fang",
    "note": "Checked on site with the township liaison.",
    "reason": "Household income rose above the local dibao standard.",
    "description": "Riverbank seepage at two dykes; residents of low-lying streets moved to shelters.",
    "summary": "Two county depots restocked tents and quilts after the June flood.",
    "explanation": "The request meets the conditions of the cited article.",
    "document": "湖南省古树名木保护办法",
    "article": "Art. 10 / 第十条",
    "email": "duty@yjt.hunan.gov.cn",
    "key": "fiscal_input_growth",
    "actor": "duty-officer-0731",
    "source": "/hunan/emergency",
    "status": "open",
    "state": "open",
    "limit": 50,
    "offset": 0,
    "next_offset": None,
    "quantity": 200,
    "persons": 120,
    "recipients": 1342,
    "year": 2026,
    "grade": 2,
}
# By the schema's title: what `name` means there.
NAME_BY_SCHEMA = (
    ("person", "Li Xiaoming"),
    ("liaison", "Zhou Min"),
    ("guardian", "Wang Fang"),
    ("venue", "Hunan Science and Technology Museum"),
    ("team", "Changsha Flood Rescue Team"),
    ("depot", "Changsha Municipal Emergency Supplies Depot"),
    ("employer", "Changsha Yuelu District Education Bureau"),
    ("enterprise", "Hunan Xiangjiang Building Materials Co., Ltd."),
    ("project", "Liuyang River embankment reinforcement"),
    ("custodian", "Yuelu Academy Management Office"),
    ("campaign", "Flood safety week in Changsha"),
)


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _fits(value: Any, schema: dict[str, Any], components: dict[str, Any]) -> bool:
    try:
        Draft202012Validator({**schema, "components": {"schemas": components}}).validate(value)
    except ValidationError:
        return False
    return True


def _from_pattern(pattern: str) -> str:
    """A short string matching `pattern` (the regex subset pydantic schemas use), built from its parse tree."""
    from re import _parser as parser  # type: ignore[attr-defined]

    categories = {"CATEGORY_DIGIT": "7", "CATEGORY_WORD": "a", "CATEGORY_SPACE": " "}

    def build(items: Any) -> str:
        out = []
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                out.append(chr(arg))
            elif name == "IN":
                out.append(one_of(arg))
            elif name in ("MAX_REPEAT", "MIN_REPEAT"):
                low, _high, sub = arg
                out.append(build(sub) * max(low, 1))
            elif name == "SUBPATTERN":
                out.append(build(arg[-1]))
            elif name == "BRANCH":
                out.append(build(arg[1][0]))
            elif name == "ANY":
                out.append("a")
            elif name == "CATEGORY":
                out.append(categories.get(str(arg), "a"))
        return "".join(out)

    def one_of(members: Any) -> str:
        for op, arg in members:
            name = str(op)
            if name == "LITERAL":
                return chr(arg)
            if name == "RANGE":
                return chr(arg[0])
            if name == "CATEGORY":
                return categories.get(str(arg), "a")
        return "a"

    value = build(parser.parse(pattern))
    if not re.search(pattern, value):
        raise ValueError(f"cannot build an example for the pattern {pattern!r}: give the field an example")
    return value


def _string(schema: dict[str, Any], name: str, context: str) -> str:
    value = _plain_string(schema, name, context)
    if "pattern" in schema and not re.search(schema["pattern"], value):
        value = _from_pattern(schema["pattern"])
    minimum, maximum = schema.get("minLength", 0), schema.get("maxLength")
    if len(value) < minimum:
        value = value.ljust(minimum, "x")
    return value[:maximum] if maximum else value


def _plain_string(schema: dict[str, Any], name: str, context: str) -> str:
    fmt = schema.get("format")
    if fmt == "date-time":
        return EXAMPLE_TIME
    if fmt == "date":
        return EXAMPLE_DATE
    if fmt == "uuid" or name == "id" or name.endswith("_id"):
        return str(uuid.UUID(hashlib.sha256(f"{context}.{name}".encode()).hexdigest()[:32], version=4))
    if fmt == "uri":
        return "https://www.hunan.gov.cn/"
    if name == "name":
        lowered = context.lower()
        return next((value for key, value in NAME_BY_SCHEMA if key in lowered), "Changsha Furong District")
    if any(name.endswith(suffix) for suffix in ("_yuan", "cost", "amount", "allocated", "spent", "total")):
        return "12800.00"
    if name.endswith("_on") or name.endswith("_date"):
        return EXAMPLE_DATE
    if name.endswith("_at"):
        return EXAMPLE_TIME
    return name.replace("_", " ") if name else "text"


def _number(schema: dict[str, Any], integer: bool) -> float | int:
    low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    value: float = 12 if integer else 12.5
    if value <= low:
        value = low + 1
    if high is not None and value >= high:
        value = (low + high) / 2
    return int(value) if integer else value


def example_of(schema: dict[str, Any], components: dict[str, Any], name: str = "", context: str = "") -> Any:
    """A value valid for `schema`: realistic values for known field names, else built from the schema."""
    if name in FIELD_EXAMPLES and _fits(FIELD_EXAMPLES[name], schema, components):
        return copy.deepcopy(FIELD_EXAMPLES[name])
    if "$ref" in schema:
        target = _resolve(schema, components)
        return example_of(target, components, name, target.get("title", context))
    for key in ("examples", "example"):
        if key in schema:
            value = schema[key][0] if key == "examples" and isinstance(schema[key], list) else schema[key]
            return copy.deepcopy(value)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema and schema["default"] is not None and name not in ("", "id"):
        return copy.deepcopy(schema["default"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            branches = [b for b in schema[key] if b.get("type") != "null"] or schema[key]
            strings = [b for b in branches if b.get("type") == "string"]
            numbers = [b for b in branches if b.get("type") in ("number", "integer")]
            chosen = strings[0] if strings and numbers else branches[0]  # a decimal: send it as a string
            return example_of(chosen, components, name, context)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged |= _resolve(part, components)
        return example_of(merged, components, name, context)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        context = schema.get("title", context)
        value = {prop: example_of(sub, components, prop, context) for prop, sub in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties")
        if not value and isinstance(extra, dict):
            names = _resolve(schema.get("propertyNames", {}), components)
            key = names["enum"][0] if "enum" in names else "tent"
            value = {key: example_of(extra, components, "quantity", context)}
        return value
    if kind == "array":
        singular = name.removesuffix("s")
        item = example_of(schema.get("items", {}), components, singular, context)
        return [item] * max(1, schema.get("minItems", 1))
    if kind == "string":
        return _string(schema, name, context)
    if kind == "integer":
        return _number(schema, integer=True)
    if kind == "number":
        return _number(schema, integer=False)
    if kind == "boolean":
        return True
    return {"status": "ok"}


# Bodies without a schema (handlers returning a plain Response), by operation id.
UNTYPED_EXAMPLES: dict[str, Any] = {
    "readyz": {"status": "ready", "checks": {"database": "ok", "broker": "ok"}},
    "metrics": '# HELP hunan_http_requests_total HTTP requests\nhunan_http_requests_total{service="emergency"} 42\n',
}

PROBLEM_EXAMPLES: dict[int, tuple[str, str, str]] = {
    400: ("bad-request", "Malformed request", "The body is not valid JSON."),
    401: ("unauthorized", "Unauthorized", "missing bearer token"),
    403: ("forbidden", "Forbidden", "token lacks scope(s): {scope}"),
    404: ("not-found", "Not found", "no record 7d4f1a2c-5b0e-4c3a-9f61-0d2e8b7a9c15"),
    409: ("conflict", "Conflict", "The record changed state meanwhile; reload it and retry."),
    413: ("payload-too-large", "Request body too large", "limit is 1048576 bytes"),
    415: ("unsupported-media-type", "Unsupported content type", "send application/json (got text/plain)"),
    422: ("validation-error", "Validation failed", "1 invalid field(s)"),
    500: ("error", "Internal error", "An unexpected error occurred; it has been logged."),
    503: ("service-unavailable", "Database unavailable", "The service's database cannot be reached; retry later."),
}


def problem_example(status: int, path: str, scopes: list[str]) -> dict[str, Any]:
    slug, title, detail = PROBLEM_EXAMPLES.get(status, ("error", "Request failed", "The request failed."))
    example: dict[str, Any] = {
        "type": problem_type(slug),
        "title": title,
        "status": status,
        "detail": detail.format(scope=" ".join(scopes) or "read"),
        "instance": path,
    }
    if status == 422:
        example["errors"] = [
            {"field": "division_code", "message": "String should match pattern '^43\\d{4}$'", "type": "string_pattern"}
        ]
    return example


# --- the document -----------------------------------------------------------------------------------------

METHODS = ("get", "put", "post", "delete", "patch")


def publish(
    document: dict[str, Any],
    service: str,
    *,
    public_url: str | None = None,
    token_url: str | None = None,
    idempotent: set[str] | frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """FastAPI's `document` finished for gateway clients (see the module docstring). Returns a new document."""
    doc = copy.deepcopy(document)
    doc["servers"] = [gateway_server(service, public_url)]
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemes = components.setdefault("securitySchemes", {})
    old_schemes = [name for name, scheme in schemes.items() if scheme.get("type") == "http"]
    for name in old_schemes:
        del schemes[name]
    service_scopes = {scope: text for scope, text in SCOPES.items() if scope.split(":", 1)[0] == service}
    schemes[SECURITY_SCHEME] = {
        "type": "oauth2",
        "description": "OAuth2 bearer JWT (RS256/ES256 from the deployment's identity provider, or HS256 with the "
        "suite's shared secret); scopes in the `scope` claim, space-separated.",
        "flows": {"clientCredentials": {"tokenUrl": token_url or DEFAULT_TOKEN_URL, "scopes": service_scopes}},
    }
    for path, item in doc.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            required_scopes: list[str] = []
            for requirement in operation.get("security", []):
                for name in old_schemes:
                    required_scopes += requirement.pop(name, [])
            if "security" in operation:
                operation["security"] = [{SECURITY_SCHEME: sorted(set(required_scopes))}]
            context = operation.get("operationId", path)
            if operation.get("operationId") in idempotent:
                _declare_idempotency(operation)
            body = operation.get("requestBody", {}).get("content", {})
            for media_type, media in body.items():
                media.setdefault("example", _body_example(media, schemas, media_type, context))
            responses = operation.setdefault("responses", {})
            responses.setdefault("500", {"description": ERROR_DESCRIPTIONS[500]})
            for status, response in responses.items():
                if status.isdigit() and int(status) >= 400 and (_is_problem(response) or status == "500"):
                    response["content"] = {
                        PROBLEM_JSON: {
                            "schema": {"$ref": "#/components/schemas/Problem"},
                            "example": problem_example(int(status), path, required_scopes),
                        }
                    }
                    continue
                for media_type, media in response.get("content", {}).items():
                    if "example" not in media:
                        media["example"] = _response_example(media, schemas, media_type, context)
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    return doc


def _declare_idempotency(operation: dict[str, Any]) -> None:
    parameters = operation.setdefault("parameters", [])
    if any(p.get("name") == IDEMPOTENCY_HEADER for p in parameters):
        return
    parameters.append(
        {
            "name": IDEMPOTENCY_HEADER,
            "in": "header",
            "required": False,
            "description": "Client-chosen key that makes a retry safe: a repeat with the same key and body returns "
            "the first response (header Idempotent-Replayed: true) instead of acting twice; the same key with "
            "another body is a 422.",
            "schema": {"type": "string", "minLength": 1, "maxLength": MAX_IDEMPOTENCY_KEY},
            "example": "c0a8012e-2026-0714-0930-declare-flood",
        }
    )
    for status, response in operation.get("responses", {}).items():
        if status.startswith("2"):
            response.setdefault("headers", {})["Idempotent-Replayed"] = {
                "description": "`true` when this response is the stored answer to an earlier request with the key",
                "schema": {"type": "string", "enum": ["true"]},
            }


def _is_problem(response: dict[str, Any]) -> bool:
    content = response.get("content", {})
    return PROBLEM_JSON in content or any(
        m.get("schema", {}).get("$ref", "").endswith("/Problem") for m in content.values()
    )


def _body_example(media: dict[str, Any], schemas: dict[str, Any], media_type: str, context: str) -> Any:
    if media_type == "text/csv":
        return "id_number,name,category,grade,division_code\n" + f"{_id_number()},Li Xiaoming,1,2,430102\n"
    return example_of(media.get("schema", {}), schemas, "", context)


def _response_example(media: dict[str, Any], schemas: dict[str, Any], media_type: str, context: str) -> Any:
    schema = media.get("schema", {})
    if context in UNTYPED_EXAMPLES and not schema:
        return UNTYPED_EXAMPLES[context]
    if media_type.endswith("xml"):
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
            "<identifier>hunan-warning-2026-0714-001</identifier><sender>yjt.hunan.gov.cn</sender>"
            "<sent>2026-07-14T09:30:00+08:00</sent><status>Actual</status><msgType>Alert</msgType>"
            "<scope>Public</scope></alert>\n"
        )
    if media_type.startswith("text/"):
        return UNTYPED_EXAMPLES["metrics"]
    return example_of(schema, schemas, "", context)


def missing_examples(document: dict[str, Any]) -> list[str]:
    """Request bodies and response media types without an example (for the contract test)."""
    missing = []
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
                if "example" not in media and not media.get("examples"):
                    missing.append(f"{where} request {media_type}")
            for status, response in operation.get("responses", {}).items():
                for media_type, media in response.get("content", {}).items():
                    if "example" not in media and not media.get("examples"):
                        missing.append(f"{where} {status} {media_type}")
    return missing


def invalid_examples(document: dict[str, Any]) -> list[str]:
    """Examples that do not validate against their media type's schema (date/date-time formats checked)."""
    components = document.get("components", {})
    problems = []
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            medias = [("request", m, media) for m, media in operation.get("requestBody", {}).get("content", {}).items()]
            medias += [
                (status, m, media)
                for status, response in operation.get("responses", {}).items()
                for m, media in response.get("content", {}).items()
            ]
            for where, media_type, media in medias:
                if "example" not in media or not media.get("schema"):
                    continue
                validator = Draft202012Validator(
                    {**media["schema"], "components": components}, format_checker=Draft202012Validator.FORMAT_CHECKER
                )
                for error in validator.iter_errors(media["example"]):
                    problems.append(f"{method.upper()} {path} {where} {media_type}: {error.message}")
    return problems
