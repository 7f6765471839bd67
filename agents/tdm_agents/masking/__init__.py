"""Masking: deterministic, format-preserving masking of dataset versions by validated rules.

Entry points: `validate_rules` (rule set + schema -> resolved rules, FK rules included),
`mask_table` / `mask_dataset` (the engine), `check_integrity` and `leak_check` (validation),
`preview` (rule builder), `list_transformers` / `get_transformer` (catalogue), `load_keyring`
and `MaskContext` (keys), `detokenize` (vault reversal).
"""

from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.engine import MaskingError, MaskingResult, mask_dataset, mask_table
from tdm_agents.masking.keys import MaskingKeyError, MaskingKeyring, load_keyring, parse_masking_keys
from tdm_agents.masking.preview import preview
from tdm_agents.masking.propagation import propagate_to_foreign_keys
from tdm_agents.masking.rules import ResolvedRule, RuleValidationError, parse_rule_set, validate_rules
from tdm_agents.masking.settings import MaskingSettings, get_settings
from tdm_agents.masking.transformers import get_transformer, list_transformers
from tdm_agents.masking.transformers.tokenize import InMemoryTokenSink, TokenSink, detokenize
from tdm_agents.masking.validator import IntegrityReport, LeakReport, check_integrity, leak_check

__all__ = [
    "InMemoryTokenSink", "IntegrityReport", "LeakReport", "MaskContext", "MaskingError", "MaskingKeyError",
    "MaskingKeyring", "MaskingResult", "MaskingSettings", "ResolvedRule", "RuleValidationError", "TokenSink",
    "check_integrity", "detokenize", "get_settings", "get_transformer", "leak_check", "list_transformers",
    "load_keyring", "mask_dataset", "mask_table", "parse_masking_keys", "parse_rule_set", "preview",
    "propagate_to_foreign_keys", "validate_rules",
]  # fmt: skip
