from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

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


T = TypeVar("T", bound="RuleList")


@_attrs_define
class RuleList:
    """
    Attributes:
        rules (list[MaskConstantRuleEntry | MaskDateShiftRuleEntry | MaskEmailDeterministicRuleEntry |
            MaskFakeAddressRuleEntry | MaskFakeCompanyRuleEntry | MaskFakeFirstNameRuleEntry | MaskFakeIpRuleEntry |
            MaskFakeLastNameRuleEntry | MaskFakeNameRuleEntry | MaskFakePhoneRuleEntry | MaskFpeAlnumRuleEntry |
            MaskFpeDigitsRuleEntry | MaskFpePanRuleEntry | MaskGeneralizeRuleEntry | MaskHashRuleEntry |
            MaskJsonPathRuleEntry | MaskNoiseRuleEntry | MaskNullRuleEntry | MaskPartialRuleEntry | MaskRedactRuleEntry |
            MaskRegexReplaceRuleEntry | MaskShuffleRuleEntry | MaskTokenizeRuleEntry]):
    """

    rules: list[
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

        rules = []
        for rules_item_data in self.rules:
            rules_item: dict[str, Any]
            if (
                isinstance(rules_item_data, MaskEmailDeterministicRuleEntry)
                or isinstance(rules_item_data, MaskFpePanRuleEntry)
                or isinstance(rules_item_data, MaskTokenizeRuleEntry)
                or isinstance(rules_item_data, MaskNullRuleEntry)
                or isinstance(rules_item_data, MaskRedactRuleEntry)
                or isinstance(rules_item_data, MaskHashRuleEntry)
                or isinstance(rules_item_data, MaskFpeDigitsRuleEntry)
                or isinstance(rules_item_data, MaskFpeAlnumRuleEntry)
                or isinstance(rules_item_data, MaskFakeNameRuleEntry)
                or isinstance(rules_item_data, MaskFakeFirstNameRuleEntry)
                or isinstance(rules_item_data, MaskFakeLastNameRuleEntry)
                or isinstance(rules_item_data, MaskFakeAddressRuleEntry)
                or isinstance(rules_item_data, MaskFakePhoneRuleEntry)
                or isinstance(rules_item_data, MaskFakeCompanyRuleEntry)
                or isinstance(rules_item_data, MaskDateShiftRuleEntry)
                or isinstance(rules_item_data, MaskNoiseRuleEntry)
                or isinstance(rules_item_data, MaskPartialRuleEntry)
                or isinstance(rules_item_data, MaskGeneralizeRuleEntry)
                or isinstance(rules_item_data, MaskRegexReplaceRuleEntry)
                or isinstance(rules_item_data, MaskJsonPathRuleEntry)
                or isinstance(rules_item_data, MaskShuffleRuleEntry)
                or isinstance(rules_item_data, MaskConstantRuleEntry)
            ):
                rules_item = rules_item_data.to_dict()
            else:
                rules_item = rules_item_data.to_dict()

            rules.append(rules_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rules": rules,
            }
        )

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

        d = dict(src_dict)
        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:

            def _parse_rules_item(
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
                    rules_item_type_0 = MaskEmailDeterministicRuleEntry.from_dict(data)

                    return rules_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_1 = MaskFpePanRuleEntry.from_dict(data)

                    return rules_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_2 = MaskTokenizeRuleEntry.from_dict(data)

                    return rules_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_3 = MaskNullRuleEntry.from_dict(data)

                    return rules_item_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_4 = MaskRedactRuleEntry.from_dict(data)

                    return rules_item_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_5 = MaskHashRuleEntry.from_dict(data)

                    return rules_item_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_6 = MaskFpeDigitsRuleEntry.from_dict(data)

                    return rules_item_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_7 = MaskFpeAlnumRuleEntry.from_dict(data)

                    return rules_item_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_8 = MaskFakeNameRuleEntry.from_dict(data)

                    return rules_item_type_8
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_9 = MaskFakeFirstNameRuleEntry.from_dict(data)

                    return rules_item_type_9
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_10 = MaskFakeLastNameRuleEntry.from_dict(data)

                    return rules_item_type_10
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_11 = MaskFakeAddressRuleEntry.from_dict(data)

                    return rules_item_type_11
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_12 = MaskFakePhoneRuleEntry.from_dict(data)

                    return rules_item_type_12
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_13 = MaskFakeCompanyRuleEntry.from_dict(data)

                    return rules_item_type_13
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_14 = MaskDateShiftRuleEntry.from_dict(data)

                    return rules_item_type_14
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_15 = MaskNoiseRuleEntry.from_dict(data)

                    return rules_item_type_15
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_16 = MaskPartialRuleEntry.from_dict(data)

                    return rules_item_type_16
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_17 = MaskGeneralizeRuleEntry.from_dict(data)

                    return rules_item_type_17
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_18 = MaskRegexReplaceRuleEntry.from_dict(data)

                    return rules_item_type_18
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_19 = MaskJsonPathRuleEntry.from_dict(data)

                    return rules_item_type_19
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_20 = MaskShuffleRuleEntry.from_dict(data)

                    return rules_item_type_20
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    rules_item_type_21 = MaskConstantRuleEntry.from_dict(data)

                    return rules_item_type_21
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                rules_item_type_22 = MaskFakeIpRuleEntry.from_dict(data)

                return rules_item_type_22

            rules_item = _parse_rules_item(rules_item_data)

            rules.append(rules_item)

        rule_list = cls(
            rules=rules,
        )

        return rule_list
