"""The scopes a token can carry, per service: `<service>:read` for reads, one scope per kind of change."""

from __future__ import annotations

SCOPES: dict[str, str] = {
    "trees:read": "Read the ancient and famous trees register",
    "trees:write": "Register and update trees, custodians and reports",
    "trees:certify": "Appraise, recognise and approve transplant or felling",
    "business_env:read": "Read business-environment catalogues and ledgers",
    "business_env:write": "Maintain catalogues, complaints and inspections",
    "disability:read": "Read the disability register (personal data masked)",
    "disability:write": "Register persons and manage assistance cases",
    "disability:pii": "See unmasked identity numbers and phone numbers",
    "disability:payroll": "Run the monthly subsidy payroll",
    "budget:read": "Read the project library and budget records",
    "budget:write": "Maintain projects and budget records",
    "emergency:read": "Read disasters, warnings, reserves and dispatches",
    "emergency:declare": "Declare disasters and change their response",
    "emergency:warn": "Issue, update and cancel warnings",
    "emergency:dispatch": "Request and manage supply dispatches",
    "emergency:write": "Maintain depots, stock, teams, ledgers and plans",
    "science:read": "Read science-literacy records and campaigns",
    "science:write": "Maintain venues, activities and campaigns",
}
ALL_SCOPES: frozenset[str] = frozenset(SCOPES)
