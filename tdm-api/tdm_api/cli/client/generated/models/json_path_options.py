from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.mask_constant_rule import MaskConstantRule
    from ..models.mask_date_shift_rule import MaskDateShiftRule
    from ..models.mask_email_deterministic_rule import MaskEmailDeterministicRule
    from ..models.mask_fake_address_rule import MaskFakeAddressRule
    from ..models.mask_fake_company_rule import MaskFakeCompanyRule
    from ..models.mask_fake_first_name_rule import MaskFakeFirstNameRule
    from ..models.mask_fake_ip_rule import MaskFakeIpRule
    from ..models.mask_fake_last_name_rule import MaskFakeLastNameRule
    from ..models.mask_fake_name_rule import MaskFakeNameRule
    from ..models.mask_fake_phone_rule import MaskFakePhoneRule
    from ..models.mask_fpe_alnum_rule import MaskFpeAlnumRule
    from ..models.mask_fpe_digits_rule import MaskFpeDigitsRule
    from ..models.mask_fpe_pan_rule import MaskFpePanRule
    from ..models.mask_generalize_rule import MaskGeneralizeRule
    from ..models.mask_hash_rule import MaskHashRule
    from ..models.mask_noise_rule import MaskNoiseRule
    from ..models.mask_null_rule import MaskNullRule
    from ..models.mask_partial_rule import MaskPartialRule
    from ..models.mask_redact_rule import MaskRedactRule
    from ..models.mask_regex_replace_rule import MaskRegexReplaceRule
    from ..models.mask_tokenize_rule import MaskTokenizeRule


T = TypeVar("T", bound="JsonPathOptions")


@_attrs_define
class JsonPathOptions:
    """
    Attributes:
        paths (list[str]): JSON paths whose values the inner rule masks
        rule (MaskConstantRule | MaskDateShiftRule | MaskEmailDeterministicRule | MaskFakeAddressRule |
            MaskFakeCompanyRule | MaskFakeFirstNameRule | MaskFakeIpRule | MaskFakeLastNameRule | MaskFakeNameRule |
            MaskFakePhoneRule | MaskFpeAlnumRule | MaskFpeDigitsRule | MaskFpePanRule | MaskGeneralizeRule | MaskHashRule |
            MaskNoiseRule | MaskNullRule | MaskPartialRule | MaskRedactRule | MaskRegexReplaceRule | MaskTokenizeRule): The
            rule applied at those paths: {type, options}
    """

    paths: list[str]
    rule: (
        MaskConstantRule
        | MaskDateShiftRule
        | MaskEmailDeterministicRule
        | MaskFakeAddressRule
        | MaskFakeCompanyRule
        | MaskFakeFirstNameRule
        | MaskFakeIpRule
        | MaskFakeLastNameRule
        | MaskFakeNameRule
        | MaskFakePhoneRule
        | MaskFpeAlnumRule
        | MaskFpeDigitsRule
        | MaskFpePanRule
        | MaskGeneralizeRule
        | MaskHashRule
        | MaskNoiseRule
        | MaskNullRule
        | MaskPartialRule
        | MaskRedactRule
        | MaskRegexReplaceRule
        | MaskTokenizeRule
    )

    def to_dict(self) -> dict[str, Any]:
        from ..models.mask_constant_rule import MaskConstantRule
        from ..models.mask_date_shift_rule import MaskDateShiftRule
        from ..models.mask_email_deterministic_rule import MaskEmailDeterministicRule
        from ..models.mask_fake_address_rule import MaskFakeAddressRule
        from ..models.mask_fake_company_rule import MaskFakeCompanyRule
        from ..models.mask_fake_first_name_rule import MaskFakeFirstNameRule
        from ..models.mask_fake_last_name_rule import MaskFakeLastNameRule
        from ..models.mask_fake_name_rule import MaskFakeNameRule
        from ..models.mask_fake_phone_rule import MaskFakePhoneRule
        from ..models.mask_fpe_alnum_rule import MaskFpeAlnumRule
        from ..models.mask_fpe_digits_rule import MaskFpeDigitsRule
        from ..models.mask_fpe_pan_rule import MaskFpePanRule
        from ..models.mask_generalize_rule import MaskGeneralizeRule
        from ..models.mask_hash_rule import MaskHashRule
        from ..models.mask_noise_rule import MaskNoiseRule
        from ..models.mask_null_rule import MaskNullRule
        from ..models.mask_partial_rule import MaskPartialRule
        from ..models.mask_redact_rule import MaskRedactRule
        from ..models.mask_regex_replace_rule import MaskRegexReplaceRule
        from ..models.mask_tokenize_rule import MaskTokenizeRule

        paths = self.paths

        rule: dict[str, Any]
        if (
            isinstance(self.rule, MaskEmailDeterministicRule)
            or isinstance(self.rule, MaskFpePanRule)
            or isinstance(self.rule, MaskTokenizeRule)
            or isinstance(self.rule, MaskNullRule)
            or isinstance(self.rule, MaskRedactRule)
            or isinstance(self.rule, MaskHashRule)
            or isinstance(self.rule, MaskFpeDigitsRule)
            or isinstance(self.rule, MaskFpeAlnumRule)
            or isinstance(self.rule, MaskFakeNameRule)
            or isinstance(self.rule, MaskFakeFirstNameRule)
            or isinstance(self.rule, MaskFakeLastNameRule)
            or isinstance(self.rule, MaskFakeAddressRule)
            or isinstance(self.rule, MaskFakePhoneRule)
            or isinstance(self.rule, MaskFakeCompanyRule)
            or isinstance(self.rule, MaskDateShiftRule)
            or isinstance(self.rule, MaskNoiseRule)
            or isinstance(self.rule, MaskPartialRule)
            or isinstance(self.rule, MaskGeneralizeRule)
            or isinstance(self.rule, MaskRegexReplaceRule)
            or isinstance(self.rule, MaskConstantRule)
        ):
            rule = self.rule.to_dict()
        else:
            rule = self.rule.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "paths": paths,
                "rule": rule,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.mask_constant_rule import MaskConstantRule
        from ..models.mask_date_shift_rule import MaskDateShiftRule
        from ..models.mask_email_deterministic_rule import MaskEmailDeterministicRule
        from ..models.mask_fake_address_rule import MaskFakeAddressRule
        from ..models.mask_fake_company_rule import MaskFakeCompanyRule
        from ..models.mask_fake_first_name_rule import MaskFakeFirstNameRule
        from ..models.mask_fake_ip_rule import MaskFakeIpRule
        from ..models.mask_fake_last_name_rule import MaskFakeLastNameRule
        from ..models.mask_fake_name_rule import MaskFakeNameRule
        from ..models.mask_fake_phone_rule import MaskFakePhoneRule
        from ..models.mask_fpe_alnum_rule import MaskFpeAlnumRule
        from ..models.mask_fpe_digits_rule import MaskFpeDigitsRule
        from ..models.mask_fpe_pan_rule import MaskFpePanRule
        from ..models.mask_generalize_rule import MaskGeneralizeRule
        from ..models.mask_hash_rule import MaskHashRule
        from ..models.mask_noise_rule import MaskNoiseRule
        from ..models.mask_null_rule import MaskNullRule
        from ..models.mask_partial_rule import MaskPartialRule
        from ..models.mask_redact_rule import MaskRedactRule
        from ..models.mask_regex_replace_rule import MaskRegexReplaceRule
        from ..models.mask_tokenize_rule import MaskTokenizeRule

        d = dict(src_dict)
        paths = cast(list[str], d.pop("paths"))

        def _parse_rule(
            data: object,
        ) -> (
            MaskConstantRule
            | MaskDateShiftRule
            | MaskEmailDeterministicRule
            | MaskFakeAddressRule
            | MaskFakeCompanyRule
            | MaskFakeFirstNameRule
            | MaskFakeIpRule
            | MaskFakeLastNameRule
            | MaskFakeNameRule
            | MaskFakePhoneRule
            | MaskFpeAlnumRule
            | MaskFpeDigitsRule
            | MaskFpePanRule
            | MaskGeneralizeRule
            | MaskHashRule
            | MaskNoiseRule
            | MaskNullRule
            | MaskPartialRule
            | MaskRedactRule
            | MaskRegexReplaceRule
            | MaskTokenizeRule
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_0 = MaskEmailDeterministicRule.from_dict(data)

                return rule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_1 = MaskFpePanRule.from_dict(data)

                return rule_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_2 = MaskTokenizeRule.from_dict(data)

                return rule_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_3 = MaskNullRule.from_dict(data)

                return rule_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_4 = MaskRedactRule.from_dict(data)

                return rule_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_5 = MaskHashRule.from_dict(data)

                return rule_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_6 = MaskFpeDigitsRule.from_dict(data)

                return rule_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_7 = MaskFpeAlnumRule.from_dict(data)

                return rule_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_8 = MaskFakeNameRule.from_dict(data)

                return rule_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_9 = MaskFakeFirstNameRule.from_dict(data)

                return rule_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_10 = MaskFakeLastNameRule.from_dict(data)

                return rule_type_10
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_11 = MaskFakeAddressRule.from_dict(data)

                return rule_type_11
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_12 = MaskFakePhoneRule.from_dict(data)

                return rule_type_12
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_13 = MaskFakeCompanyRule.from_dict(data)

                return rule_type_13
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_14 = MaskDateShiftRule.from_dict(data)

                return rule_type_14
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_15 = MaskNoiseRule.from_dict(data)

                return rule_type_15
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_16 = MaskPartialRule.from_dict(data)

                return rule_type_16
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_17 = MaskGeneralizeRule.from_dict(data)

                return rule_type_17
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_18 = MaskRegexReplaceRule.from_dict(data)

                return rule_type_18
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_19 = MaskConstantRule.from_dict(data)

                return rule_type_19
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            rule_type_20 = MaskFakeIpRule.from_dict(data)

            return rule_type_20

        rule = _parse_rule(d.pop("rule"))

        json_path_options = cls(
            paths=paths,
            rule=rule,
        )

        return json_path_options
