/** Display helpers: sizes, counts, dates, ids. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : value.toLocaleString("en-US");
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

export function shortId(value: string | null | undefined): string {
  return value ? value.slice(0, 8) : "—";
}

export function durationBetween(start: string | null | undefined, end: string | null | undefined): string {
  if (!start) return "—";
  const ms = (end ? new Date(end) : new Date()).getTime() - new Date(start).getTime();
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export function operationLabel(operation: string): string {
  const labels: Record<string, string> = {
    DISCOVER_SCHEMA: "Schema discovery",
    PII_CLASSIFICATION: "PII classification",
    TDM_SUBSET_ONLY: "Subset",
    TDM_MASK_ONLY: "Mask",
    TDM_PROVISION_ONLY: "Provision",
    TDM_SYNTHETIC_RUN: "Synthetic",
    UI_BASED_SYNTHETIC_GENERATION: "Synthetic from UI",
    API_BASED_SYNTHETIC_GENERATION: "Synthetic from API",
    TDM_SUBSET_MASK_PROVISION: "Subset → mask → provision",
    FULL_TDM_PIPELINE: "Full pipeline",
    NOOP: "No-op",
  };
  return labels[operation] ?? operation;
}
