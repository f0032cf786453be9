"""HTTP route loading the demo province (synthetic, marked 【演示】) for the indicator dashboard."""

from __future__ import annotations

from fastapi import APIRouter, Security

from hunan_science.use_cases import demo
from hunan_shared.api import Writer, writer

router = APIRouter(prefix="/v1/demo", tags=["demo"])


@router.post(
    "/science",
    response_model=demo.DemoOut,
    operation_id="loadDemoScience",
    summary="Load a demo province: synthetic surveys, trainings, projects, designations and flood content; idempotent",
)
def load_demo(write: Writer = Security(writer, scopes=["science:write"])):
    return write.run(demo.load)
