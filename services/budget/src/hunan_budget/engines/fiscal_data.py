"""Open fiscal data: budgets and their execution as a Fiscal Data Package (Opinion (二十四) 预决算公开).

A Tabular Data Package with one resource of budget lines, annotated with the Fiscal Data Package model: measures
`proposed`, `approved`, `adjusted`, `executed` (currency CNY, one phase each) and dimensions for the
administrative classification (government and unit), the functional and economic classifications, the budget
kind, the direction and the fiscal year. Pure: rows in, descriptor out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

MEASURES = ("proposed", "approved", "adjusted", "executed")


@dataclass(frozen=True)
class LineRow:
    line_id: str
    fiscal_year: int
    division_code: str
    division_name: str
    unit: str
    budget_kind: str
    direction: str  # REVENUE | EXPENDITURE
    functional_class: str
    economic_class: str | None
    title: str
    proposed: Decimal
    approved: Decimal | None  # None until the people's congress approves
    adjusted: Decimal | None
    executed: Decimal


FIELDS: list[dict[str, Any]] = [
    {"name": "line_id", "type": "string", "constraints": {"required": True, "unique": True}},
    {"name": "fiscal_year", "type": "year", "columnType": "date:fiscal-year"},
    {"name": "admin_code", "type": "string", "columnType": "administrative-classification:generic:level1:code"},
    {"name": "admin_name", "type": "string", "columnType": "administrative-classification:generic:level1:label"},
    {"name": "unit", "type": "string", "columnType": "administrative-classification:generic:level2:label"},
    {
        "name": "budget_kind",
        "type": "string",
        "constraints": {
            "enum": ["GENERAL_PUBLIC", "GOVERNMENT_FUND", "STATE_CAPITAL_OPERATION", "SOCIAL_INSURANCE_FUND"]
        },
    },
    {
        "name": "direction",
        "type": "string",
        "columnType": "direction",
        "constraints": {"enum": ["revenue", "expenditure"]},
    },
    {"name": "functional_code", "type": "string", "columnType": "functional-classification:generic:level1:code"},
    {"name": "economic_code", "type": "string", "columnType": "economic-classification:generic:level1:code"},
    {"name": "title", "type": "string", "columnType": "project:generic:label"},
    *({"name": m, "type": "number", "columnType": "value", "constraints": {"minimum": 0}} for m in MEASURES),
]


def _cell(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def fiscal_data_package(name: str, title: str, rows: list[LineRow]) -> dict[str, Any]:
    """The descriptor with the lines inline (header row first)."""
    header = [f["name"] for f in FIELDS]
    data: list[list[Any]] = [header]
    for r in rows:
        data.append(
            [
                r.line_id,
                r.fiscal_year,
                r.division_code,
                r.division_name,
                r.unit,
                r.budget_kind,
                r.direction.lower(),
                r.functional_class,
                r.economic_class,
                r.title,
                _cell(r.proposed),
                _cell(r.approved),
                _cell(r.adjusted),
                _cell(r.executed),
            ]
        )
    years = sorted({r.fiscal_year for r in rows})
    return {
        "name": name,
        "title": title,
        "profile": "tabular-data-package",
        "countryCode": "CN",
        "regionCode": "CN-HN",
        "fiscalPeriod": {"start": f"{years[0]}-01-01", "end": f"{years[-1]}-12-31"} if years else None,
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": [
            {
                "name": "budget-lines",
                "profile": "tabular-data-resource",
                "data": data,
                "schema": {"fields": FIELDS, "primaryKey": ["line_id"]},
            }
        ],
        "model": {
            "measures": {m: {"source": m, "currency": "CNY", "phase": m, "factor": 1} for m in MEASURES},
            "dimensions": {
                "administrative-classification": {
                    "dimensionType": "classification",
                    "classificationType": "administrative",
                    "attributes": {
                        "code": {"source": "admin_code"},
                        "name": {"source": "admin_name", "labelfor": "code"},
                        "unit": {"source": "unit"},
                    },
                    "primaryKey": ["code", "unit"],
                },
                "functional-classification": {
                    "dimensionType": "classification",
                    "classificationType": "functional",
                    "attributes": {"code": {"source": "functional_code"}},
                    "primaryKey": ["code"],
                },
                "economic-classification": {
                    "dimensionType": "classification",
                    "classificationType": "economic",
                    "attributes": {"code": {"source": "economic_code"}},
                    "primaryKey": ["code"],
                },
                "budget-kind": {
                    "dimensionType": "other",
                    "attributes": {"kind": {"source": "budget_kind"}},
                    "primaryKey": ["kind"],
                },
                "direction": {
                    "dimensionType": "other",
                    "attributes": {"direction": {"source": "direction"}},
                    "primaryKey": ["direction"],
                },
                "date": {
                    "dimensionType": "datetime",
                    "attributes": {"year": {"source": "fiscal_year"}},
                    "primaryKey": ["year"],
                },
                "line": {
                    "dimensionType": "entity",
                    "attributes": {"id": {"source": "line_id"}, "title": {"source": "title", "labelfor": "id"}},
                    "primaryKey": ["id"],
                },
            },
        },
    }
