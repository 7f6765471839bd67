"""Contains all the data models used in inputs/outputs"""

from .body_generate_synthetic_from_uploads import BodyGenerateSyntheticFromUploads
from .classify_request import ClassifyRequest
from .column_lineage_out import ColumnLineageOut
from .connection_create import ConnectionCreate
from .connection_out import ConnectionOut
from .connection_test_result import ConnectionTestResult
from .constant_options import ConstantOptions
from .cycle_plan import CyclePlan
from .dataset_detail import DatasetDetail
from .dataset_detail_metadata import DatasetDetailMetadata
from .dataset_out import DatasetOut
from .date_range import DateRange
from .date_shift_options import DateShiftOptions
from .date_shift_options_keep import DateShiftOptionsKeep
from .detected_out import DetectedOut
from .detokenize_request import DetokenizeRequest
from .detokenize_response import DetokenizeResponse
from .detokenized_value import DetokenizedValue
from .diff_schema_versions_response_diffschemaversions import (
    DiffSchemaVersionsResponseDiffschemaversions,
)
from .discover_request import DiscoverRequest
from .domain_pack_out import DomainPackOut
from .download_link import DownloadLink
from .drift_gate_blocker import DriftGateBlocker
from .drift_gate_blocker_change import DriftGateBlockerChange
from .drift_gate_out import DriftGateOut
from .drift_gate_out_baseline import DriftGateOutBaseline
from .email_options import EmailOptions
from .email_options_domain_policy import EmailOptionsDomainPolicy
from .environment_config import EnvironmentConfig
from .environment_config_allowed_roles_item import EnvironmentConfigAllowedRolesItem
from .environment_config_reset_mode import EnvironmentConfigResetMode
from .environment_config_tier import EnvironmentConfigTier
from .environment_create import EnvironmentCreate
from .environment_out import EnvironmentOut
from .environment_out_config import EnvironmentOutConfig
from .environment_update import EnvironmentUpdate
from .fake_ip_options import FakeIpOptions
from .fake_options import FakeOptions
from .fake_options_locale import FakeOptionsLocale
from .filter_condition import FilterCondition
from .filter_condition_op import FilterConditionOp
from .fpe_alnum_options import FpeAlnumOptions
from .fpe_alnum_options_charset import FpeAlnumOptionsCharset
from .fpe_digits_options import FpeDigitsOptions
from .fpe_pan_options import FpePanOptions
from .generalize_options import GeneralizeOptions
from .generalize_options_mode import GeneralizeOptionsMode
from .hash_options import HashOptions
from .hash_options_output import HashOptionsOutput
from .health_response_health import HealthResponseHealth
from .index_warning import IndexWarning
from .job_accepted import JobAccepted
from .job_accepted_links import JobAcceptedLinks
from .job_detail import JobDetail
from .job_detail_progress_type_0 import JobDetailProgressType0
from .job_detail_request import JobDetailRequest
from .job_log_out import JobLogOut
from .job_out import JobOut
from .job_out_progress_type_0 import JobOutProgressType0
from .json_path_options import JsonPathOptions
from .lineage_edge import LineageEdge
from .lineage_edge_out import LineageEdgeOut
from .lineage_graph import LineageGraph
from .lineage_node import LineageNode
from .lineage_node_details import LineageNodeDetails
from .list_jobs_status_type_0 import ListJobsStatusType0
from .manifest_table import ManifestTable
from .manifest_table_columns_item import ManifestTableColumnsItem
from .mask_constant_rule import MaskConstantRule
from .mask_constant_rule_entry import MaskConstantRuleEntry
from .mask_date_shift_rule import MaskDateShiftRule
from .mask_date_shift_rule_entry import MaskDateShiftRuleEntry
from .mask_email_deterministic_rule import MaskEmailDeterministicRule
from .mask_email_deterministic_rule_entry import MaskEmailDeterministicRuleEntry
from .mask_fake_address_rule import MaskFakeAddressRule
from .mask_fake_address_rule_entry import MaskFakeAddressRuleEntry
from .mask_fake_company_rule import MaskFakeCompanyRule
from .mask_fake_company_rule_entry import MaskFakeCompanyRuleEntry
from .mask_fake_first_name_rule import MaskFakeFirstNameRule
from .mask_fake_first_name_rule_entry import MaskFakeFirstNameRuleEntry
from .mask_fake_ip_rule import MaskFakeIpRule
from .mask_fake_ip_rule_entry import MaskFakeIpRuleEntry
from .mask_fake_last_name_rule import MaskFakeLastNameRule
from .mask_fake_last_name_rule_entry import MaskFakeLastNameRuleEntry
from .mask_fake_name_rule import MaskFakeNameRule
from .mask_fake_name_rule_entry import MaskFakeNameRuleEntry
from .mask_fake_phone_rule import MaskFakePhoneRule
from .mask_fake_phone_rule_entry import MaskFakePhoneRuleEntry
from .mask_fpe_alnum_rule import MaskFpeAlnumRule
from .mask_fpe_alnum_rule_entry import MaskFpeAlnumRuleEntry
from .mask_fpe_digits_rule import MaskFpeDigitsRule
from .mask_fpe_digits_rule_entry import MaskFpeDigitsRuleEntry
from .mask_fpe_pan_rule import MaskFpePanRule
from .mask_fpe_pan_rule_entry import MaskFpePanRuleEntry
from .mask_generalize_rule import MaskGeneralizeRule
from .mask_generalize_rule_entry import MaskGeneralizeRuleEntry
from .mask_hash_rule import MaskHashRule
from .mask_hash_rule_entry import MaskHashRuleEntry
from .mask_json_path_rule import MaskJsonPathRule
from .mask_json_path_rule_entry import MaskJsonPathRuleEntry
from .mask_noise_rule import MaskNoiseRule
from .mask_noise_rule_entry import MaskNoiseRuleEntry
from .mask_null_rule import MaskNullRule
from .mask_null_rule_entry import MaskNullRuleEntry
from .mask_partial_rule import MaskPartialRule
from .mask_partial_rule_entry import MaskPartialRuleEntry
from .mask_redact_rule import MaskRedactRule
from .mask_redact_rule_entry import MaskRedactRuleEntry
from .mask_regex_replace_rule import MaskRegexReplaceRule
from .mask_regex_replace_rule_entry import MaskRegexReplaceRuleEntry
from .mask_request import MaskRequest
from .mask_request_rules_type_0_type_0 import MaskRequestRulesType0Type0
from .mask_request_unknown_columns_type_0 import MaskRequestUnknownColumnsType0
from .mask_shuffle_rule import MaskShuffleRule
from .mask_shuffle_rule_entry import MaskShuffleRuleEntry
from .mask_tokenize_rule import MaskTokenizeRule
from .mask_tokenize_rule_entry import MaskTokenizeRuleEntry
from .no_options import NoOptions
from .noise_options import NoiseOptions
from .noise_options_mode import NoiseOptionsMode
from .operation import Operation
from .page_dataset_out import PageDatasetOut
from .page_job_out import PageJobOut
from .partial_options import PartialOptions
from .pii_column_out import PiiColumnOut
from .pii_column_out_review_state import PiiColumnOutReviewState
from .pii_map_out import PiiMapOut
from .pii_map_out_by_type import PiiMapOutByType
from .preview_request import PreviewRequest
from .preview_request_rows_type_0_item import PreviewRequestRowsType0Item
from .preview_request_rules_type_0_type_0 import PreviewRequestRulesType0Type0
from .preview_response import PreviewResponse
from .preview_response_after_item import PreviewResponseAfterItem
from .preview_response_before_item import PreviewResponseBeforeItem
from .preview_response_rules_item import PreviewResponseRulesItem
from .preview_table import PreviewTable
from .preview_table_rows_item import PreviewTableRowsItem
from .problem import Problem
from .problem_errors_type_0_item import ProblemErrorsType0Item
from .provision_request import ProvisionRequest
from .provision_request_mode_type_0 import ProvisionRequestModeType0
from .redact_options import RedactOptions
from .redact_options_mode import RedactOptionsMode
from .regex_replace_options import RegexReplaceOptions
from .relationship_override import RelationshipOverride
from .resume_request import ResumeRequest
from .resume_request_reviews_item import ResumeRequestReviewsItem
from .review_item import ReviewItem
from .review_item_decision import ReviewItemDecision
from .review_item_pii_type_type_0 import ReviewItemPiiTypeType0
from .review_out import ReviewOut
from .review_out_decision import ReviewOutDecision
from .rule_list import RuleList
from .rule_set_create import RuleSetCreate
from .rule_set_create_rules_type_0 import RuleSetCreateRulesType0
from .rule_set_create_unknown_columns import RuleSetCreateUnknownColumns
from .rule_set_out import RuleSetOut
from .rule_set_out_rules_item import RuleSetOutRulesItem
from .rule_set_out_unknown_columns import RuleSetOutUnknownColumns
from .schema_detail import SchemaDetail
from .schema_detail_snapshot import SchemaDetailSnapshot
from .schema_summary import SchemaSummary
from .schema_version_out import SchemaVersionOut
from .smoke_query import SmokeQuery
from .smoke_query_expect import SmokeQueryExpect
from .subset_job_request import SubsetJobRequest
from .subset_job_request_filters import SubsetJobRequestFilters
from .subset_job_request_max_rows_per_table_type_1 import (
    SubsetJobRequestMaxRowsPerTableType1,
)
from .subset_job_request_mode import SubsetJobRequestMode
from .subset_job_request_mode_additional_property import (
    SubsetJobRequestModeAdditionalProperty,
)
from .subset_plan_response import SubsetPlanResponse
from .suggested_rules_out import SuggestedRulesOut
from .suggested_rules_out_adjusted import SuggestedRulesOutAdjusted
from .suggested_rules_out_rules import SuggestedRulesOutRules
from .suggested_rules_out_rules_additional_property import (
    SuggestedRulesOutRulesAdditionalProperty,
)
from .synthetic_preview import SyntheticPreview
from .synthetic_preview_conflicts_item import SyntheticPreviewConflictsItem
from .synthetic_preview_request import SyntheticPreviewRequest
from .synthetic_preview_request_api_spec_type_1 import (
    SyntheticPreviewRequestApiSpecType1,
)
from .synthetic_preview_request_engine import SyntheticPreviewRequestEngine
from .synthetic_preview_request_row_counts import SyntheticPreviewRequestRowCounts
from .synthetic_preview_request_test_case_files import (
    SyntheticPreviewRequestTestCaseFiles,
)
from .synthetic_preview_tables import SyntheticPreviewTables
from .synthetic_request import SyntheticRequest
from .synthetic_request_api_spec_type_1 import SyntheticRequestApiSpecType1
from .synthetic_request_engine import SyntheticRequestEngine
from .synthetic_request_row_counts import SyntheticRequestRowCounts
from .synthetic_request_test_case_files import SyntheticRequestTestCaseFiles
from .table_estimate import TableEstimate
from .table_estimate_phase import TableEstimatePhase
from .tokenize_options import TokenizeOptions
from .transformer_out import TransformerOut
from .transformer_out_guarantees import TransformerOutGuarantees
from .transformer_out_options_schema import TransformerOutOptionsSchema
from .virtual_relationship_create import VirtualRelationshipCreate
from .virtual_relationship_create_kind import VirtualRelationshipCreateKind
from .virtual_relationship_out import VirtualRelationshipOut
from .webhook_create import WebhookCreate
from .webhook_out import WebhookOut
from .who_am_i import WhoAmI
from .workflow_execute import WorkflowExecute
from .workflow_execute_overrides import WorkflowExecuteOverrides
from .workflow_execute_steps_type_0_item import WorkflowExecuteStepsType0Item
from .workflow_status import WorkflowStatus
from .workflow_step import WorkflowStep
from .workflow_step_outputs import WorkflowStepOutputs
from .workflow_step_status import WorkflowStepStatus
from .workflow_template import WorkflowTemplate
from .workflow_template_defaults import WorkflowTemplateDefaults

__all__ = (
    "BodyGenerateSyntheticFromUploads",
    "ClassifyRequest",
    "ColumnLineageOut",
    "ConnectionCreate",
    "ConnectionOut",
    "ConnectionTestResult",
    "ConstantOptions",
    "CyclePlan",
    "DatasetDetail",
    "DatasetDetailMetadata",
    "DatasetOut",
    "DateRange",
    "DateShiftOptions",
    "DateShiftOptionsKeep",
    "DetectedOut",
    "DetokenizeRequest",
    "DetokenizeResponse",
    "DetokenizedValue",
    "DiffSchemaVersionsResponseDiffschemaversions",
    "DiscoverRequest",
    "DomainPackOut",
    "DownloadLink",
    "DriftGateBlocker",
    "DriftGateBlockerChange",
    "DriftGateOut",
    "DriftGateOutBaseline",
    "EmailOptions",
    "EmailOptionsDomainPolicy",
    "EnvironmentConfig",
    "EnvironmentConfigAllowedRolesItem",
    "EnvironmentConfigResetMode",
    "EnvironmentConfigTier",
    "EnvironmentCreate",
    "EnvironmentOut",
    "EnvironmentOutConfig",
    "EnvironmentUpdate",
    "FakeIpOptions",
    "FakeOptions",
    "FakeOptionsLocale",
    "FilterCondition",
    "FilterConditionOp",
    "FpeAlnumOptions",
    "FpeAlnumOptionsCharset",
    "FpeDigitsOptions",
    "FpePanOptions",
    "GeneralizeOptions",
    "GeneralizeOptionsMode",
    "HashOptions",
    "HashOptionsOutput",
    "HealthResponseHealth",
    "IndexWarning",
    "JobAccepted",
    "JobAcceptedLinks",
    "JobDetail",
    "JobDetailProgressType0",
    "JobDetailRequest",
    "JobLogOut",
    "JobOut",
    "JobOutProgressType0",
    "JsonPathOptions",
    "LineageEdge",
    "LineageEdgeOut",
    "LineageGraph",
    "LineageNode",
    "LineageNodeDetails",
    "ListJobsStatusType0",
    "ManifestTable",
    "ManifestTableColumnsItem",
    "MaskConstantRule",
    "MaskConstantRuleEntry",
    "MaskDateShiftRule",
    "MaskDateShiftRuleEntry",
    "MaskEmailDeterministicRule",
    "MaskEmailDeterministicRuleEntry",
    "MaskFakeAddressRule",
    "MaskFakeAddressRuleEntry",
    "MaskFakeCompanyRule",
    "MaskFakeCompanyRuleEntry",
    "MaskFakeFirstNameRule",
    "MaskFakeFirstNameRuleEntry",
    "MaskFakeIpRule",
    "MaskFakeIpRuleEntry",
    "MaskFakeLastNameRule",
    "MaskFakeLastNameRuleEntry",
    "MaskFakeNameRule",
    "MaskFakeNameRuleEntry",
    "MaskFakePhoneRule",
    "MaskFakePhoneRuleEntry",
    "MaskFpeAlnumRule",
    "MaskFpeAlnumRuleEntry",
    "MaskFpeDigitsRule",
    "MaskFpeDigitsRuleEntry",
    "MaskFpePanRule",
    "MaskFpePanRuleEntry",
    "MaskGeneralizeRule",
    "MaskGeneralizeRuleEntry",
    "MaskHashRule",
    "MaskHashRuleEntry",
    "MaskJsonPathRule",
    "MaskJsonPathRuleEntry",
    "MaskNoiseRule",
    "MaskNoiseRuleEntry",
    "MaskNullRule",
    "MaskNullRuleEntry",
    "MaskPartialRule",
    "MaskPartialRuleEntry",
    "MaskRedactRule",
    "MaskRedactRuleEntry",
    "MaskRegexReplaceRule",
    "MaskRegexReplaceRuleEntry",
    "MaskRequest",
    "MaskRequestRulesType0Type0",
    "MaskRequestUnknownColumnsType0",
    "MaskShuffleRule",
    "MaskShuffleRuleEntry",
    "MaskTokenizeRule",
    "MaskTokenizeRuleEntry",
    "NoOptions",
    "NoiseOptions",
    "NoiseOptionsMode",
    "Operation",
    "PageDatasetOut",
    "PageJobOut",
    "PartialOptions",
    "PiiColumnOut",
    "PiiColumnOutReviewState",
    "PiiMapOut",
    "PiiMapOutByType",
    "PreviewRequest",
    "PreviewRequestRowsType0Item",
    "PreviewRequestRulesType0Type0",
    "PreviewResponse",
    "PreviewResponseAfterItem",
    "PreviewResponseBeforeItem",
    "PreviewResponseRulesItem",
    "PreviewTable",
    "PreviewTableRowsItem",
    "Problem",
    "ProblemErrorsType0Item",
    "ProvisionRequest",
    "ProvisionRequestModeType0",
    "RedactOptions",
    "RedactOptionsMode",
    "RegexReplaceOptions",
    "RelationshipOverride",
    "ResumeRequest",
    "ResumeRequestReviewsItem",
    "ReviewItem",
    "ReviewItemDecision",
    "ReviewItemPiiTypeType0",
    "ReviewOut",
    "ReviewOutDecision",
    "RuleList",
    "RuleSetCreate",
    "RuleSetCreateRulesType0",
    "RuleSetCreateUnknownColumns",
    "RuleSetOut",
    "RuleSetOutRulesItem",
    "RuleSetOutUnknownColumns",
    "SchemaDetail",
    "SchemaDetailSnapshot",
    "SchemaSummary",
    "SchemaVersionOut",
    "SmokeQuery",
    "SmokeQueryExpect",
    "SubsetJobRequest",
    "SubsetJobRequestFilters",
    "SubsetJobRequestMaxRowsPerTableType1",
    "SubsetJobRequestMode",
    "SubsetJobRequestModeAdditionalProperty",
    "SubsetPlanResponse",
    "SuggestedRulesOut",
    "SuggestedRulesOutAdjusted",
    "SuggestedRulesOutRules",
    "SuggestedRulesOutRulesAdditionalProperty",
    "SyntheticPreview",
    "SyntheticPreviewConflictsItem",
    "SyntheticPreviewRequest",
    "SyntheticPreviewRequestApiSpecType1",
    "SyntheticPreviewRequestEngine",
    "SyntheticPreviewRequestRowCounts",
    "SyntheticPreviewRequestTestCaseFiles",
    "SyntheticPreviewTables",
    "SyntheticRequest",
    "SyntheticRequestApiSpecType1",
    "SyntheticRequestEngine",
    "SyntheticRequestRowCounts",
    "SyntheticRequestTestCaseFiles",
    "TableEstimate",
    "TableEstimatePhase",
    "TokenizeOptions",
    "TransformerOut",
    "TransformerOutGuarantees",
    "TransformerOutOptionsSchema",
    "VirtualRelationshipCreate",
    "VirtualRelationshipCreateKind",
    "VirtualRelationshipOut",
    "WebhookCreate",
    "WebhookOut",
    "WhoAmI",
    "WorkflowExecute",
    "WorkflowExecuteOverrides",
    "WorkflowExecuteStepsType0Item",
    "WorkflowStatus",
    "WorkflowStep",
    "WorkflowStepOutputs",
    "WorkflowStepStatus",
    "WorkflowTemplate",
    "WorkflowTemplateDefaults",
)
