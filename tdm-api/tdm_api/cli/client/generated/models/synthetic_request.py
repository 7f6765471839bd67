from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.synthetic_request_engine import (
    SyntheticRequestEngine,
    check_synthetic_request_engine,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synthetic_request_api_spec_type_1 import SyntheticRequestApiSpecType1
    from ..models.synthetic_request_row_counts import SyntheticRequestRowCounts
    from ..models.synthetic_request_test_case_files import SyntheticRequestTestCaseFiles


T = TypeVar("T", bound="SyntheticRequest")


@_attrs_define
class SyntheticRequest:
    """Body of `POST /synthetic`: one or more schema sources, how many rows, and how to generate them.

    Sources merge with priority schema version > API spec > domain pack > UI > test-case files.
    URLs are fetched by the job (never by the API), through the private-address guard.

        Attributes:
            api_spec (None | str | SyntheticRequestApiSpecType1 | Unset): An OpenAPI 3.x / Swagger 2 spec inline: JSON or
                YAML text, or a JSON object
            api_spec_url (None | str | Unset): URL of an OpenAPI 3.x / Swagger 2 spec
            domain_pack (None | str | Unset): A domain pack, see GET /synthetic/domain-packs
            engine (SyntheticRequestEngine | Unset): rules (no training data) or sdv (learned) Default: 'rules'.
            locale (None | str | Unset): Faker locale, e.g. en_US or de_DE
            name (None | str | Unset): Display name of the dataset version produced
            row_counts (SyntheticRequestRowCounts | Unset): Rows per entity; entities left out follow their parents'
                cardinalities or their defaults
            scenario_template (None | str | Unset): Scenario of the domain pack (or built-in): default, edge_cases, ...
            schema_version_id (None | Unset | UUID): A discovered schema version to generate for
            seed (int | None | Unset): The same seed gives the same data
            test_case_files (SyntheticRequestTestCaseFiles | Unset): Test-case files inline, {filename: text}: Cucumber
                .feature, Playwright or Selenium scripts (a list of {name, content} is accepted too)
            training_dataset_version_id (None | Unset | UUID): A ready dataset version (ideally masked) to learn from (sdv)
                or compare with
            ui_urls (list[str] | Unset): Web pages whose forms and tables to crawl
    """

    api_spec: None | str | SyntheticRequestApiSpecType1 | Unset = UNSET
    api_spec_url: None | str | Unset = UNSET
    domain_pack: None | str | Unset = UNSET
    engine: SyntheticRequestEngine | Unset = "rules"
    locale: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    row_counts: SyntheticRequestRowCounts | Unset = UNSET
    scenario_template: None | str | Unset = UNSET
    schema_version_id: None | Unset | UUID = UNSET
    seed: int | None | Unset = UNSET
    test_case_files: SyntheticRequestTestCaseFiles | Unset = UNSET
    training_dataset_version_id: None | Unset | UUID = UNSET
    ui_urls: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.synthetic_request_api_spec_type_1 import (
            SyntheticRequestApiSpecType1,
        )

        api_spec: dict[str, Any] | None | str | Unset
        if isinstance(self.api_spec, Unset):
            api_spec = UNSET
        elif isinstance(self.api_spec, SyntheticRequestApiSpecType1):
            api_spec = self.api_spec.to_dict()
        else:
            api_spec = self.api_spec

        api_spec_url: None | str | Unset
        if isinstance(self.api_spec_url, Unset):
            api_spec_url = UNSET
        else:
            api_spec_url = self.api_spec_url

        domain_pack: None | str | Unset
        if isinstance(self.domain_pack, Unset):
            domain_pack = UNSET
        else:
            domain_pack = self.domain_pack

        engine: str | Unset = UNSET
        if not isinstance(self.engine, Unset):
            engine = self.engine

        locale: None | str | Unset
        if isinstance(self.locale, Unset):
            locale = UNSET
        else:
            locale = self.locale

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        row_counts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.row_counts, Unset):
            row_counts = self.row_counts.to_dict()

        scenario_template: None | str | Unset
        if isinstance(self.scenario_template, Unset):
            scenario_template = UNSET
        else:
            scenario_template = self.scenario_template

        schema_version_id: None | str | Unset
        if isinstance(self.schema_version_id, Unset):
            schema_version_id = UNSET
        elif isinstance(self.schema_version_id, UUID):
            schema_version_id = str(self.schema_version_id)
        else:
            schema_version_id = self.schema_version_id

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        test_case_files: dict[str, Any] | Unset = UNSET
        if not isinstance(self.test_case_files, Unset):
            test_case_files = self.test_case_files.to_dict()

        training_dataset_version_id: None | str | Unset
        if isinstance(self.training_dataset_version_id, Unset):
            training_dataset_version_id = UNSET
        elif isinstance(self.training_dataset_version_id, UUID):
            training_dataset_version_id = str(self.training_dataset_version_id)
        else:
            training_dataset_version_id = self.training_dataset_version_id

        ui_urls: list[str] | Unset = UNSET
        if not isinstance(self.ui_urls, Unset):
            ui_urls = self.ui_urls

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_spec is not UNSET:
            field_dict["api_spec"] = api_spec
        if api_spec_url is not UNSET:
            field_dict["api_spec_url"] = api_spec_url
        if domain_pack is not UNSET:
            field_dict["domain_pack"] = domain_pack
        if engine is not UNSET:
            field_dict["engine"] = engine
        if locale is not UNSET:
            field_dict["locale"] = locale
        if name is not UNSET:
            field_dict["name"] = name
        if row_counts is not UNSET:
            field_dict["row_counts"] = row_counts
        if scenario_template is not UNSET:
            field_dict["scenario_template"] = scenario_template
        if schema_version_id is not UNSET:
            field_dict["schema_version_id"] = schema_version_id
        if seed is not UNSET:
            field_dict["seed"] = seed
        if test_case_files is not UNSET:
            field_dict["test_case_files"] = test_case_files
        if training_dataset_version_id is not UNSET:
            field_dict["training_dataset_version_id"] = training_dataset_version_id
        if ui_urls is not UNSET:
            field_dict["ui_urls"] = ui_urls

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.synthetic_request_api_spec_type_1 import (
            SyntheticRequestApiSpecType1,
        )
        from ..models.synthetic_request_row_counts import SyntheticRequestRowCounts
        from ..models.synthetic_request_test_case_files import (
            SyntheticRequestTestCaseFiles,
        )

        d = dict(src_dict)

        def _parse_api_spec(
            data: object,
        ) -> None | str | SyntheticRequestApiSpecType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                api_spec_type_1 = SyntheticRequestApiSpecType1.from_dict(data)

                return api_spec_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | str | SyntheticRequestApiSpecType1 | Unset, data)

        api_spec = _parse_api_spec(d.pop("api_spec", UNSET))

        def _parse_api_spec_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_spec_url = _parse_api_spec_url(d.pop("api_spec_url", UNSET))

        def _parse_domain_pack(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain_pack = _parse_domain_pack(d.pop("domain_pack", UNSET))

        _engine = d.pop("engine", UNSET)
        engine: SyntheticRequestEngine | Unset
        if isinstance(_engine, Unset):
            engine = UNSET
        else:
            engine = check_synthetic_request_engine(_engine)

        def _parse_locale(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        locale = _parse_locale(d.pop("locale", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _row_counts = d.pop("row_counts", UNSET)
        row_counts: SyntheticRequestRowCounts | Unset
        if isinstance(_row_counts, Unset):
            row_counts = UNSET
        else:
            row_counts = SyntheticRequestRowCounts.from_dict(_row_counts)

        def _parse_scenario_template(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scenario_template = _parse_scenario_template(d.pop("scenario_template", UNSET))

        def _parse_schema_version_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schema_version_id_type_0 = UUID(data)

                return schema_version_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        schema_version_id = _parse_schema_version_id(d.pop("schema_version_id", UNSET))

        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        _test_case_files = d.pop("test_case_files", UNSET)
        test_case_files: SyntheticRequestTestCaseFiles | Unset
        if isinstance(_test_case_files, Unset):
            test_case_files = UNSET
        else:
            test_case_files = SyntheticRequestTestCaseFiles.from_dict(_test_case_files)

        def _parse_training_dataset_version_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                training_dataset_version_id_type_0 = UUID(data)

                return training_dataset_version_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        training_dataset_version_id = _parse_training_dataset_version_id(
            d.pop("training_dataset_version_id", UNSET)
        )

        ui_urls = cast(list[str], d.pop("ui_urls", UNSET))

        synthetic_request = cls(
            api_spec=api_spec,
            api_spec_url=api_spec_url,
            domain_pack=domain_pack,
            engine=engine,
            locale=locale,
            name=name,
            row_counts=row_counts,
            scenario_template=scenario_template,
            schema_version_id=schema_version_id,
            seed=seed,
            test_case_files=test_case_files,
            training_dataset_version_id=training_dataset_version_id,
            ui_urls=ui_urls,
        )

        return synthetic_request
