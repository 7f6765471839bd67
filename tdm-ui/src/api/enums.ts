/**
 * Runtime lists of values whose types come from the generated spec: `satisfies` makes the
 * compiler fail when the spec adds, renames or drops a value the portal offers.
 */
import type { FilterOp, PiiType, ProvisionMode, StepName, TableMode } from "./client";

export const PII_TYPES = [
  "email", "phone", "person_name", "street_address", "postcode", "city", "date_of_birth",
  "national_id", "credit_card", "iban", "bank_account", "ip_address", "mac_address", "username",
  "password_hash", "geolocation", "free_text_pii", "photo",
] as const satisfies readonly PiiType[];

export const FILTER_OPS = [
  "=", "!=", "<", "<=", ">", ">=", "in", "not_in", "between", "like", "ilike", "is_null", "not_null",
] as const satisfies readonly FilterOp[];

export const TABLE_MODES = ["subset", "full", "skip"] as const satisfies readonly TableMode[];

export const PROVISION_MODES = ["truncate", "append", "upsert", "drop_create"] as const satisfies readonly ProvisionMode[];

/** Pipeline order, as the orchestrator runs them. */
export const WORKFLOW_STEPS = [
  "discover_schema", "pii_classification", "subsetting", "masking", "synthetic", "provisioning",
] as const satisfies readonly StepName[];

/** `source_type` of dataset versions (the spec types it as a plain string). */
export const SOURCE_TYPES = ["subset", "masked", "synthetic"] as const;
