import { useQuery } from "@tanstack/react-query";

import type { PiiColumn } from "../../api/client";
import { pii } from "../../api/endpoints";

/** The key of a column in the PII map: `<table key>.<column>` (the table key is bare in `public`). */
export const columnKey = (tableKey: string, column: string) => `${tableKey}.${column}`;

/** Whether a column of the PII map holds PII now: classified (or typed by a reviewer) and not rejected. */
export function isPii(column: PiiColumn | undefined): column is PiiColumn & { pii_type: string } {
  return Boolean(column?.pii_type) && column?.review_state !== "rejected";
}

/** The PII map of a schema version, every flagged or reviewed column indexed by `columnKey`. */
export function usePiiFindings(versionId: string | null | undefined) {
  const query = useQuery({
    queryKey: ["pii", versionId],
    enabled: Boolean(versionId),
    queryFn: () => pii.get(versionId ?? ""),
    retry: false,
  });
  const byColumn = new Map<string, PiiColumn>();
  for (const c of query.data?.columns ?? []) byColumn.set(columnKey(c.table, c.column), c);
  return { query, byColumn };
}
