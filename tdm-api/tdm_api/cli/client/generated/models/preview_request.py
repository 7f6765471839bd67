from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mask_constant_rule_entry import MaskConstantRuleEntry
    from ..models.mask_date_shift_rule_entry import MaskDateShiftRuleEntry
    from ..models.mask_email_deterministic_rule_entry import (
        MaskEmailDeterministicRuleEntry,
    )
    from ..models.mask_fake_address_rule_entry import MaskFakeAddressRuleEntry
    from ..models.mask_fake_company_rule_entry import MaskFakeCompanyRuleEntry
    from ..models.mask_fake_first_name_rule_entry import MaskFakeFirstNameRuleEntry
    from ..models.mask_fake_ip_rule_entry import MaskFakeIpRuleEntry
    from ..models.mask_fake_last_name_rule_entry import MaskFakeLastNameRuleEntry
    from ..models.mask_fake_name_rule_entry import MaskFakeNameRuleEntry
    from ..models.mask_fake_phone_rule_entry import MaskFakePhoneRuleEntry
    from ..models.mask_fpe_alnum_rule_entry import MaskFpeAlnumRuleEntry
    from ..models.mask_fpe_digits_rule_entry import MaskFpeDigitsRuleEntry
    from ..models.mask_fpe_pan_rule_entry import MaskFpePanRuleEntry
    from ..models.mask_generalize_rule_entry import MaskGeneralizeRuleEntry
    from ..models.mask_hash_rule_entry import MaskHashRuleEntry
    from ..models.mask_json_path_rule_entry import MaskJsonPathRuleEntry
    from ..models.mask_noise_rule_entry import MaskNoiseRuleEntry
    from ..models.mask_null_rule_entry import MaskNullRuleEntry
    from ..models.mask_partial_rule_entry import MaskPartialRuleEntry
    from ..models.mask_redact_rule_entry import MaskRedactRuleEntry
    from ..models.mask_regex_replace_rule_entry import MaskRegexReplaceRuleEntry
    from ..models.mask_shuffle_rule_entry import MaskShuffleRuleEntry
    from ..models.mask_tokenize_rule_entry import MaskTokenizeRuleEntry
    from ..models.preview_request_rows_type_0_item import PreviewRequestRowsType0Item
    from ..models.preview_request_rules_type_0_type_0 import (
        PreviewRequestRulesType0Type0,
    )
    from ..models.rule_list import RuleList


T = TypeVar("T", bound="PreviewRequest")


@_attrs_define
class PreviewRequest:
    """A few rows before and after masking: sample rows of a dataset version, rows you give, or (with
    only a schema version) a few rows read from the schema's source database.

        Attributes:
            table (str): Table key, e.g. 'customers' or 'sales.staff'
            dataset_version_id (None | Unset | UUID): Sample rows (and the schema to check rules against) come from this
                version
            limit (int | Unset): Sample rows to take from the dataset (or the source) Default: 5.
            rows (list[PreviewRequestRowsType0Item] | None | Unset): Rows to mask instead of sample rows
            rule_set_id (None | Unset | UUID): A stored rule set (any of its versions' ids)
            rule_set_version (int | None | Unset): Version of that rule set's name to use (default: the id's own version)
            rules (list[MaskConstantRuleEntry | MaskDateShiftRuleEntry | MaskEmailDeterministicRuleEntry |
                MaskFakeAddressRuleEntry | MaskFakeCompanyRuleEntry | MaskFakeFirstNameRuleEntry | MaskFakeIpRuleEntry |
                MaskFakeLastNameRuleEntry | MaskFakeNameRuleEntry | MaskFakePhoneRuleEntry | MaskFpeAlnumRuleEntry |
                MaskFpeDigitsRuleEntry | MaskFpePanRuleEntry | MaskGeneralizeRuleEntry | MaskHashRuleEntry |
                MaskJsonPathRuleEntry | MaskNoiseRuleEntry | MaskNullRuleEntry | MaskPartialRuleEntry | MaskRedactRuleEntry |
                MaskRegexReplaceRuleEntry | MaskShuffleRuleEntry | MaskTokenizeRuleEntry] | None | PreviewRequestRulesType0Type0
                | RuleList | Unset): Inline rules, instead of rule_set_id
            schema_version_id (None | Unset | UUID): Without a dataset version: the schema version the rules and rows belong
                to
            use_suggested_rules (bool | Unset): Use the rules suggested by the schema version's (reviewed) PII
                classification Default: False.
    """

    table: str
    dataset_version_id: None | Unset | UUID = UNSET
    limit: int | Unset = 5
    rows: list[PreviewRequestRowsType0Item] | None | Unset = UNSET
    rule_set_id: None | Unset | UUID = UNSET
    rule_set_version: int | None | Unset = UNSET
    rules: (
        list[
            MaskConstantRuleEntry
            | MaskDateShiftRuleEntry
            | MaskEmailDeterministicRuleEntry
            | MaskFakeAddressRuleEntry
            | MaskFakeCompanyRuleEntry
            | MaskFakeFirstNameRuleEntry
            | MaskFakeIpRuleEntry
            | MaskFakeLastNameRuleEntry
            | MaskFakeNameRuleEntry
            | MaskFakePhoneRuleEntry
            | MaskFpeAlnumRuleEntry
            | MaskFpeDigitsRuleEntry
            | MaskFpePanRuleEntry
            | MaskGeneralizeRuleEntry
            | MaskHashRuleEntry
            | MaskJsonPathRuleEntry
            | MaskNoiseRuleEntry
            | MaskNullRuleEntry
            | MaskPartialRuleEntry
            | MaskRedactRuleEntry
            | MaskRegexReplaceRuleEntry
            | MaskShuffleRuleEntry
            | MaskTokenizeRuleEntry
        ]
        | None
        | PreviewRequestRulesType0Type0
        | RuleList
        | Unset
    ) = UNSET
    schema_version_id: None | Unset | UUID = UNSET
    use_suggested_rules: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        from ..models.mask_constant_rule_entry import MaskConstantRuleEntry
        from ..models.mask_date_shift_rule_entry import MaskDateShiftRuleEntry
        from ..models.mask_email_deterministic_rule_entry import (
            MaskEmailDeterministicRuleEntry,
        )
        from ..models.mask_fake_address_rule_entry import MaskFakeAddressRuleEntry
        from ..models.mask_fake_company_rule_entry import MaskFakeCompanyRuleEntry
        from ..models.mask_fake_first_name_rule_entry import MaskFakeFirstNameRuleEntry
        from ..models.mask_fake_last_name_rule_entry import MaskFakeLastNameRuleEntry
        from ..models.mask_fake_name_rule_entry import MaskFakeNameRuleEntry
        from ..models.mask_fake_phone_rule_entry import MaskFakePhoneRuleEntry
        from ..models.mask_fpe_alnum_rule_entry import MaskFpeAlnumRuleEntry
        from ..models.mask_fpe_digits_rule_entry import MaskFpeDigitsRuleEntry
        from ..models.mask_fpe_pan_rule_entry import MaskFpePanRuleEntry
        from ..models.mask_generalize_rule_entry import MaskGeneralizeRuleEntry
        from ..models.mask_hash_rule_entry import MaskHashRuleEntry
        from ..models.mask_json_path_rule_entry import MaskJsonPathRuleEntry
        from ..models.mask_noise_rule_entry import MaskNoiseRuleEntry
        from ..models.mask_null_rule_entry import MaskNullRuleEntry
        from ..models.mask_partial_rule_entry import MaskPartialRuleEntry
        from ..models.mask_redact_rule_entry import MaskRedactRuleEntry
        from ..models.mask_regex_replace_rule_entry import MaskRegexReplaceRuleEntry
        from ..models.mask_shuffle_rule_entry import MaskShuffleRuleEntry
        from ..models.mask_tokenize_rule_entry import MaskTokenizeRuleEntry
        from ..models.preview_request_rules_type_0_type_0 import (
            PreviewRequestRulesType0Type0,
        )
        from ..models.rule_list import RuleList

        table = self.table

        dataset_version_id: None | str | Unset
        if isinstance(self.dataset_version_id, Unset):
            dataset_version_id = UNSET
        elif isinstance(self.dataset_version_id, UUID):
            dataset_version_id = str(self.dataset_version_id)
        else:
            dataset_version_id = self.dataset_version_id

        limit = self.limit

        rows: list[dict[str, Any]] | None | Unset
        if isinstance(self.rows, Unset):
            rows = UNSET
        elif isinstance(self.rows, list):
            rows = []
            for rows_type_0_item_data in self.rows:
                rows_type_0_item = rows_type_0_item_data.to_dict()
                rows.append(rows_type_0_item)

        else:
            rows = self.rows

        rule_set_id: None | str | Unset
        if isinstance(self.rule_set_id, Unset):
            rule_set_id = UNSET
        elif isinstance(self.rule_set_id, UUID):
            rule_set_id = str(self.rule_set_id)
        else:
            rule_set_id = self.rule_set_id

        rule_set_version: int | None | Unset
        if isinstance(self.rule_set_version, Unset):
            rule_set_version = UNSET
        else:
            rule_set_version = self.rule_set_version

        rules: dict[str, Any] | list[dict[str, Any]] | None | Unset
        if isinstance(self.rules, Unset):
            rules = UNSET
        elif isinstance(self.rules, PreviewRequestRulesType0Type0):
            rules = self.rules.to_dict()
        elif isinstance(self.rules, list):
            rules = []
            for rules_type_0_type_1_item_data in self.rules:
                rules_type_0_type_1_item: dict[str, Any]
                if (
                    isinstance(
                        rules_type_0_type_1_item_data, MaskEmailDeterministicRuleEntry
                    )
                    or isinstance(rules_type_0_type_1_item_data, MaskFpePanRuleEntry)
                    or isinstance(rules_type_0_type_1_item_data, MaskTokenizeRuleEntry)
                    or isinstance(rules_type_0_type_1_item_data, MaskNullRuleEntry)
                    or isinstance(rules_type_0_type_1_item_data, MaskRedactRuleEntry)
                    or isinstance(rules_type_0_type_1_item_data, MaskHashRuleEntry)
                    or isinstance(rules_type_0_type_1_item_data, MaskFpeDigitsRuleEntry)
                    or isinstance(rules_type_0_type_1_item_data, MaskFpeAlnumRuleEntry)
                    or isinstance(rules_type_0_type_1_item_data, MaskFakeNameRuleEntry)
                    or isinstance(
                        rules_type_0_type_1_item_data, MaskFakeFirstNameRuleEntry
                    )
                    or isinstance(
                        rules_type_0_type_1_item_data, MaskFakeLastNameRuleEntry
                    )
                    or isinstance(
                        rules_type_0_type_1_item_data, MaskFakeAddressRuleEntry
                    )
                    or isinstance(rules_type_0_type_1_item_data, MaskFakePhoneRuleEntry)
                    or isinstance(
                        rules_type_0_type_1_item_data, MaskFakeCompanyRuleEntry
                    )
                    or isinstance(rules_type_0_type_1_item_data, MaskDateShiftRuleEntry)
                    or isinstance(rules_type_0_type_1_item_data, MaskNoiseRuleEntry)
                    or isinstance(rules_type_0_type_1_item_data, MaskPartialRuleEntry)
                    or isinstance(
                        rules_type_0_type_1_item_data, MaskGeneralizeRuleEntry
                    )
                    or isinstance(
                        rules_type_0_type_1_item_data, MaskRegexReplaceRuleEntry
                    )
                    or isinstance(rules_type_0_type_1_item_data, MaskJsonPathRuleEntry)
                    or isinstance(rules_type_0_type_1_item_data, MaskShuffleRuleEntry)
                    or isinstance(rules_type_0_type_1_item_data, MaskConstantRuleEntry)
                ):
                    rules_type_0_type_1_item = rules_type_0_type_1_item_data.to_dict()
                else:
                    rules_type_0_type_1_item = rules_type_0_type_1_item_data.to_dict()

                rules.append(rules_type_0_type_1_item)

        elif isinstance(self.rules, RuleList):
            rules = self.rules.to_dict()
        else:
            rules = self.rules

        schema_version_id: None | str | Unset
        if isinstance(self.schema_version_id, Unset):
            schema_version_id = UNSET
        elif isinstance(self.schema_version_id, UUID):
            schema_version_id = str(self.schema_version_id)
        else:
            schema_version_id = self.schema_version_id

        use_suggested_rules = self.use_suggested_rules

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "table": table,
            }
        )
        if dataset_version_id is not UNSET:
            field_dict["dataset_version_id"] = dataset_version_id
        if limit is not UNSET:
            field_dict["limit"] = limit
        if rows is not UNSET:
            field_dict["rows"] = rows
        if rule_set_id is not UNSET:
            field_dict["rule_set_id"] = rule_set_id
        if rule_set_version is not UNSET:
            field_dict["rule_set_version"] = rule_set_version
        if rules is not UNSET:
            field_dict["rules"] = rules
        if schema_version_id is not UNSET:
            field_dict["schema_version_id"] = schema_version_id
        if use_suggested_rules is not UNSET:
            field_dict["use_suggested_rules"] = use_suggested_rules

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.mask_constant_rule_entry import MaskConstantRuleEntry
        from ..models.mask_date_shift_rule_entry import MaskDateShiftRuleEntry
        from ..models.mask_email_deterministic_rule_entry import (
            MaskEmailDeterministicRuleEntry,
        )
        from ..models.mask_fake_address_rule_entry import MaskFakeAddressRuleEntry
        from ..models.mask_fake_company_rule_entry import MaskFakeCompanyRuleEntry
        from ..models.mask_fake_first_name_rule_entry import MaskFakeFirstNameRuleEntry
        from ..models.mask_fake_ip_rule_entry import MaskFakeIpRuleEntry
        from ..models.mask_fake_last_name_rule_entry import MaskFakeLastNameRuleEntry
        from ..models.mask_fake_name_rule_entry import MaskFakeNameRuleEntry
        from ..models.mask_fake_phone_rule_entry import MaskFakePhoneRuleEntry
        from ..models.mask_fpe_alnum_rule_entry import MaskFpeAlnumRuleEntry
        from ..models.mask_fpe_digits_rule_entry import MaskFpeDigitsRuleEntry
        from ..models.mask_fpe_pan_rule_entry import MaskFpePanRuleEntry
        from ..models.mask_generalize_rule_entry import MaskGeneralizeRuleEntry
        from ..models.mask_hash_rule_entry import MaskHashRuleEntry
        from ..models.mask_json_path_rule_entry import MaskJsonPathRuleEntry
        from ..models.mask_noise_rule_entry import MaskNoiseRuleEntry
        from ..models.mask_null_rule_entry import MaskNullRuleEntry
        from ..models.mask_partial_rule_entry import MaskPartialRuleEntry
        from ..models.mask_redact_rule_entry import MaskRedactRuleEntry
        from ..models.mask_regex_replace_rule_entry import MaskRegexReplaceRuleEntry
        from ..models.mask_shuffle_rule_entry import MaskShuffleRuleEntry
        from ..models.mask_tokenize_rule_entry import MaskTokenizeRuleEntry
        from ..models.preview_request_rows_type_0_item import (
            PreviewRequestRowsType0Item,
        )
        from ..models.preview_request_rules_type_0_type_0 import (
            PreviewRequestRulesType0Type0,
        )
        from ..models.rule_list import RuleList

        d = dict(src_dict)
        table = d.pop("table")

        def _parse_dataset_version_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                dataset_version_id_type_0 = UUID(data)

                return dataset_version_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        dataset_version_id = _parse_dataset_version_id(
            d.pop("dataset_version_id", UNSET)
        )

        limit = d.pop("limit", UNSET)

        def _parse_rows(
            data: object,
        ) -> list[PreviewRequestRowsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                rows_type_0 = []
                _rows_type_0 = data
                for rows_type_0_item_data in _rows_type_0:
                    rows_type_0_item = PreviewRequestRowsType0Item.from_dict(
                        rows_type_0_item_data
                    )

                    rows_type_0.append(rows_type_0_item)

                return rows_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PreviewRequestRowsType0Item] | None | Unset, data)

        rows = _parse_rows(d.pop("rows", UNSET))

        def _parse_rule_set_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rule_set_id_type_0 = UUID(data)

                return rule_set_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        rule_set_id = _parse_rule_set_id(d.pop("rule_set_id", UNSET))

        def _parse_rule_set_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rule_set_version = _parse_rule_set_version(d.pop("rule_set_version", UNSET))

        def _parse_rules(
            data: object,
        ) -> (
            list[
                MaskConstantRuleEntry
                | MaskDateShiftRuleEntry
                | MaskEmailDeterministicRuleEntry
                | MaskFakeAddressRuleEntry
                | MaskFakeCompanyRuleEntry
                | MaskFakeFirstNameRuleEntry
                | MaskFakeIpRuleEntry
                | MaskFakeLastNameRuleEntry
                | MaskFakeNameRuleEntry
                | MaskFakePhoneRuleEntry
                | MaskFpeAlnumRuleEntry
                | MaskFpeDigitsRuleEntry
                | MaskFpePanRuleEntry
                | MaskGeneralizeRuleEntry
                | MaskHashRuleEntry
                | MaskJsonPathRuleEntry
                | MaskNoiseRuleEntry
                | MaskNullRuleEntry
                | MaskPartialRuleEntry
                | MaskRedactRuleEntry
                | MaskRegexReplaceRuleEntry
                | MaskShuffleRuleEntry
                | MaskTokenizeRuleEntry
            ]
            | None
            | PreviewRequestRulesType0Type0
            | RuleList
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rules_type_0_type_0 = PreviewRequestRulesType0Type0.from_dict(data)

                return rules_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                rules_type_0_type_1 = []
                _rules_type_0_type_1 = data
                for rules_type_0_type_1_item_data in _rules_type_0_type_1:

                    def _parse_rules_type_0_type_1_item(
                        data: object,
                    ) -> (
                        MaskConstantRuleEntry
                        | MaskDateShiftRuleEntry
                        | MaskEmailDeterministicRuleEntry
                        | MaskFakeAddressRuleEntry
                        | MaskFakeCompanyRuleEntry
                        | MaskFakeFirstNameRuleEntry
                        | MaskFakeIpRuleEntry
                        | MaskFakeLastNameRuleEntry
                        | MaskFakeNameRuleEntry
                        | MaskFakePhoneRuleEntry
                        | MaskFpeAlnumRuleEntry
                        | MaskFpeDigitsRuleEntry
                        | MaskFpePanRuleEntry
                        | MaskGeneralizeRuleEntry
                        | MaskHashRuleEntry
                        | MaskJsonPathRuleEntry
                        | MaskNoiseRuleEntry
                        | MaskNullRuleEntry
                        | MaskPartialRuleEntry
                        | MaskRedactRuleEntry
                        | MaskRegexReplaceRuleEntry
                        | MaskShuffleRuleEntry
                        | MaskTokenizeRuleEntry
                    ):
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_0 = (
                                MaskEmailDeterministicRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_1 = (
                                MaskFpePanRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_2 = (
                                MaskTokenizeRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_2
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_3 = (
                                MaskNullRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_3
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_4 = (
                                MaskRedactRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_4
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_5 = (
                                MaskHashRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_5
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_6 = (
                                MaskFpeDigitsRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_6
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_7 = (
                                MaskFpeAlnumRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_7
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_8 = (
                                MaskFakeNameRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_8
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_9 = (
                                MaskFakeFirstNameRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_9
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_10 = (
                                MaskFakeLastNameRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_10
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_11 = (
                                MaskFakeAddressRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_11
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_12 = (
                                MaskFakePhoneRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_12
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_13 = (
                                MaskFakeCompanyRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_13
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_14 = (
                                MaskDateShiftRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_14
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_15 = (
                                MaskNoiseRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_15
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_16 = (
                                MaskPartialRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_16
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_17 = (
                                MaskGeneralizeRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_17
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_18 = (
                                MaskRegexReplaceRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_18
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_19 = (
                                MaskJsonPathRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_19
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_20 = (
                                MaskShuffleRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_20
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            rules_type_0_type_1_item_type_21 = (
                                MaskConstantRuleEntry.from_dict(data)
                            )

                            return rules_type_0_type_1_item_type_21
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        rules_type_0_type_1_item_type_22 = (
                            MaskFakeIpRuleEntry.from_dict(data)
                        )

                        return rules_type_0_type_1_item_type_22

                    rules_type_0_type_1_item = _parse_rules_type_0_type_1_item(
                        rules_type_0_type_1_item_data
                    )

                    rules_type_0_type_1.append(rules_type_0_type_1_item)

                return rules_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rules_type_0_type_2 = RuleList.from_dict(data)

                return rules_type_0_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[
                    MaskConstantRuleEntry
                    | MaskDateShiftRuleEntry
                    | MaskEmailDeterministicRuleEntry
                    | MaskFakeAddressRuleEntry
                    | MaskFakeCompanyRuleEntry
                    | MaskFakeFirstNameRuleEntry
                    | MaskFakeIpRuleEntry
                    | MaskFakeLastNameRuleEntry
                    | MaskFakeNameRuleEntry
                    | MaskFakePhoneRuleEntry
                    | MaskFpeAlnumRuleEntry
                    | MaskFpeDigitsRuleEntry
                    | MaskFpePanRuleEntry
                    | MaskGeneralizeRuleEntry
                    | MaskHashRuleEntry
                    | MaskJsonPathRuleEntry
                    | MaskNoiseRuleEntry
                    | MaskNullRuleEntry
                    | MaskPartialRuleEntry
                    | MaskRedactRuleEntry
                    | MaskRegexReplaceRuleEntry
                    | MaskShuffleRuleEntry
                    | MaskTokenizeRuleEntry
                ]
                | None
                | PreviewRequestRulesType0Type0
                | RuleList
                | Unset,
                data,
            )

        rules = _parse_rules(d.pop("rules", UNSET))

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

        use_suggested_rules = d.pop("use_suggested_rules", UNSET)

        preview_request = cls(
            table=table,
            dataset_version_id=dataset_version_id,
            limit=limit,
            rows=rows,
            rule_set_id=rule_set_id,
            rule_set_version=rule_set_version,
            rules=rules,
            schema_version_id=schema_version_id,
            use_suggested_rules=use_suggested_rules,
        )

        return preview_request
