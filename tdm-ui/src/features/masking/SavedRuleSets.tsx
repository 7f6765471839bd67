import type { UseQueryResult } from "@tanstack/react-query";

import type { RuleSet } from "../../api/client";
import { QueryState } from "../../components/States";
import { formatDate } from "../../lib/format";

/** The latest version of each rule set that fits the chosen schema version. */
export function SavedRuleSets({ query }: { query: UseQueryResult<RuleSet[]> }) {
  return (
    <QueryState query={query} feature="Rule sets" empty={(l) => l.length === 0} emptyTitle="No rule sets for this version">
      {(list) => (
        <ul className="divide-y divide-slate-100 text-sm">
          {list.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-2 py-2">
              <span className="min-w-0 truncate">{r.name} <span className="text-slate-400">v{r.version}</span></span>
              <span className="shrink-0 text-xs text-slate-500">{r.rules.length} rules · {formatDate(r.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}
