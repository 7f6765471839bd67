"""Each step's input: one Pydantic model per step, read from the job's request only by `step_input`.

A single-step job's request is its step's input, as the API validated it. A workflow (composite)
request nests each step's options under the step's section (`discover`, `pii`, `subset`,
`masking`, `synthetic`, `provision`) beside shared ids at the top; a step reads its own section
over the shared ids its model lists in `SHARED`. Unknown keys fail the job by name instead of being
dropped: a misplaced option must not silently fall back to a default.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tdm_agents.pii_detection.options import PiiOptions
from tdm_agents.provisioning.request_options import ProvisionRequestOptions
from tdm_agents.schema_discovery.options import DiscoveryOptions
from tdm_agents.subsetting import SubsetRequest
from tdm_agents.synthetic.request_options import SyntheticOptions
from tdm_orchestrator.contract import OPERATION_STEPS, Operation, Step
from tdm_orchestrator.errors import PermanentJobError


class StepInputError(PermanentJobError):
    """The request does not fit a step's input; the message names the fields, never their values."""


class StepInput(BaseModel):
    """A step's options. `SHARED`: the workflow's top-level ids this step takes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    STEP: ClassVar[Step]
    SECTION: ClassVar[str]
    SHARED: ClassVar[tuple[str, ...]] = ()


class DiscoverInput(StepInput, DiscoveryOptions):
    STEP = Step.DISCOVER
    SECTION = "discover"
    SHARED = ("connection_id",)

    connection_id: uuid.UUID | None = None


class PiiInput(StepInput, PiiOptions):
    STEP = Step.PII
    SECTION = "pii"
    SHARED = ("schema_version_id",)

    schema_version_id: uuid.UUID | None = None


class SubsetInput(StepInput, SubsetRequest):
    """The engine's request, with the ids optional: a workflow takes them from earlier steps."""

    STEP = Step.SUBSET
    SECTION = "subset"
    SHARED = ("connection_id", "schema_version_id")

    schema_version_id: str | None = None  # type: ignore[assignment]
    connection_id: str | None = None

    @model_validator(mode="after")
    def _one_connection(self) -> SubsetInput:
        # Replaces the engine's rule: without an id the schema's own source connection is read.
        return self


class MaskInput(StepInput):
    """Where the rules come from, in order: a stored rule set, inline rules, the suggested rules."""

    STEP = Step.MASK
    SECTION = "masking"

    dataset_version_id: uuid.UUID | None = None
    name: str | None = Field(None, min_length=1, max_length=255)
    rule_set_id: uuid.UUID | None = None
    rule_set_version: int | None = Field(None, ge=1)
    rules: Any = None  # checked rule by rule by the masking agent (`validate_rules`)
    use_suggested_rules: bool = False
    unknown_columns: Literal["fail", "mask_default"] | None = None


class SyntheticInput(StepInput, SyntheticOptions):
    STEP = Step.SYNTHETIC
    SECTION = "synthetic"

    @property
    def sources(self) -> list[str]:
        """The schema sources this input names."""
        return [k for k in SOURCE_FIELDS if getattr(self, k) not in (None, "", [], {})]


SOURCE_FIELDS = ("ui_urls", "api_spec_url", "api_spec", "test_case_files", "schema_version_id", "domain_pack")


class ProvisionInput(StepInput, ProvisionRequestOptions):
    STEP = Step.PROVISION
    SECTION = "provision"
    SHARED = ("target_env",)

    dataset_version_id: uuid.UUID | None = None
    target_env: str | None = Field(None, min_length=1, max_length=100)


class NoopInput(StepInput):
    STEP = Step.NOOP
    SECTION = "noop"


INPUTS: dict[Step, type[StepInput]] = {
    model.STEP: model
    for model in (DiscoverInput, PiiInput, SubsetInput, MaskInput, SyntheticInput, ProvisionInput, NoopInput)
}


class WorkflowRequest(BaseModel):
    """A composite job's request: shared ids, the plan's switches and one section per step."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    template: str | None = None
    steps: list[Step] | None = None
    connection_id: uuid.UUID | None = None
    schema_version_id: uuid.UUID | None = None
    # The pipeline's input dataset: used by the first step that reads one (masking, else provisioning)
    # when no earlier step produced one.
    dataset_version_id: uuid.UUID | None = None
    target_env: str | None = Field(None, min_length=1, max_length=100)
    approve_pii: bool = False
    skip_pii: bool = False
    synthetic_top_up: bool = False
    discover: dict[str, Any] = Field(default_factory=dict)
    pii: dict[str, Any] = Field(default_factory=dict)
    subset: dict[str, Any] = Field(default_factory=dict)
    masking: dict[str, Any] = Field(default_factory=dict)
    synthetic: dict[str, Any] = Field(default_factory=dict)
    provision: dict[str, Any] = Field(default_factory=dict)


M = TypeVar("M", bound=StepInput)


def is_composite(operation: str) -> bool:
    try:
        return len(OPERATION_STEPS[Operation(operation)]) > 1
    except ValueError:
        return False


def step_input(state: Any, model: type[M]) -> M:
    """The step's typed input, read from the job's `operation` and `request` (see the module doc)."""
    return read_step_input(str(state.get("operation") or ""), state.get("request") or {}, model)


def read_step_input(operation: str, request: dict[str, Any], model: type[M]) -> M:
    if not is_composite(operation):
        return _validated(model, request, "")
    workflow = _validated(WorkflowRequest, request, "")
    own = getattr(workflow, model.SECTION, None) or {}
    shared = {k: request[k] for k in model.SHARED if request.get(k) is not None}
    return _validated(model, {**shared, **own}, f"{model.SECTION}.")


def request_problems(operation: Operation | str, request: dict[str, Any]) -> list[str]:
    """Why the request does not fit the steps its operation runs (empty when it fits)."""
    problems = []
    steps = OPERATION_STEPS[Operation(operation)]
    if is_composite(str(operation)):
        try:
            workflow = _validated(WorkflowRequest, request, "")
        except StepInputError as exc:
            return [str(exc)]
        if workflow.steps:
            steps = tuple(s for s in steps if s in workflow.steps)
    for step in steps:
        try:
            read_step_input(str(operation), request, INPUTS[step])
        except StepInputError as exc:
            problems.append(str(exc))
    return problems


def _validated(model: type[Any], data: Any, prefix: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise StepInputError(_describe(exc, prefix, model)) from None


def _describe(exc: ValidationError, prefix: str, model: type[Any]) -> str:
    parts = []
    for error in exc.errors(include_input=False, include_url=False):
        where = prefix + ".".join(str(p) for p in error["loc"]) or prefix.rstrip(".") or "request"
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = _misplaced(str(error["loc"][0])) if model is WorkflowRequest else "unknown option"
        parts.append(f"{where}: {message}")
    return "Invalid request: " + "; ".join(parts[:10])


def _misplaced(key: str) -> str:
    sections = [m.SECTION for m in INPUTS.values() if key in m.model_fields and m is not NoopInput]
    if sections:
        return f"not a workflow option; it belongs under {' or '.join(repr(s) for s in sections)}"
    return "unknown option"
