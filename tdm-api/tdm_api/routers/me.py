"""Who the caller is (the portal's sign-in uses it to decide what to show)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from tdm_api.dependencies import Viewer
from tdm_api.models.common import PROBLEM_RESPONSES

router = APIRouter(tags=["auth"], responses=PROBLEM_RESPONSES)


class WhoAmI(BaseModel):
    name: str
    role: str
    permissions: list[str]


@router.get("/me", operation_id="whoAmI", summary="The calling key's name, role and permissions")
def who_am_i(principal: Viewer) -> WhoAmI:
    perms = (
        ["read"]
        + (["run_jobs"] if principal.can("operator") else [])
        + (["admin"] if principal.can("admin") else [])
    )
    return WhoAmI(name=principal.name, role=principal.role, permissions=perms)
