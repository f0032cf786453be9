"""HTTP routes for the subsidy extension switches each division decides (R5, R6)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Security
from sqlmodel import Session

from hunan_disability.rules.subsidies import EXTENSION_SWITCHES
from hunan_disability.schemas.subsidy_extensions import ExtensionIn, ExtensionOut
from hunan_disability.use_cases import subsidy_extensions
from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer

router = APIRouter(prefix="/v1/subsidy-extensions", tags=["subsidies"])
SWITCH_PATTERN = "^(" + "|".join(EXTENSION_SWITCHES) + ")$"


@router.put(
    "/{division_code}/{switch}",
    response_model=ExtensionOut,
    operation_id="decideSubsidyExtension",
    summary="A division switches a subsidy extension on or off (R5/R6: each city or county decides)",
    description="The nearest division that decided rules a person's county (county, then city, then province); "
    "without any decision the service setting of the same name applies.",
)
def decide(
    body: ExtensionIn,
    division_code: str = Path(pattern=r"^43[0-9]{4}$"),
    switch: str = Path(pattern=SWITCH_PATTERN),
    write: Writer = Security(writer, scopes=["disability:write"]),
):
    return write.run(lambda uow: subsidy_extensions.decide(uow, division_code, switch, body), body=body)


@router.get(
    "",
    response_model=Page[ExtensionOut],
    operation_id="listSubsidyExtensions",
    summary="List the divisions' extension decisions (with `division`: those that apply there)",
    dependencies=[reader("disability:read")],
)
def list_extensions(
    page: PageParams = Depends(page_params),
    division: str | None = Query(None, pattern=r"^43[0-9]{4}$"),
    session: Session = Depends(db_session),
):
    return subsidy_extensions.list_extensions(session, page, division)
