import type { ReactNode } from "react";

import { isEndpointMissing } from "../api/problem";
import { NotAvailable, ProblemAlert } from "./ProblemAlert";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-2 py-6 text-sm text-slate-500">
      <span className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-500" aria-hidden />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center">
      <p className="text-sm font-medium text-slate-700">{title}</p>
      {children && <div className="mt-1 text-sm text-slate-500">{children}</div>}
    </div>
  );
}

interface QueryLike<T> {
  isPending: boolean;
  error: unknown;
  data: T | undefined;
}

interface QueryStateProps<T> {
  query: QueryLike<T>;
  feature?: string;
  empty?: (data: T) => boolean;
  emptyTitle?: string;
  emptyHint?: ReactNode;
  children: (data: T) => ReactNode;
}

/** Loading, error, "not on this server" and empty states around a query's data. */
export function QueryState<T>({ query, feature, empty, emptyTitle = "Nothing here yet", emptyHint, children }: QueryStateProps<T>) {
  if (query.error) {
    return isEndpointMissing(query.error) ? <NotAvailable feature={feature} /> : <ProblemAlert error={query.error} />;
  }
  if (query.isPending || query.data === undefined) return <Loading />;
  if (empty?.(query.data)) return <Empty title={emptyTitle}>{emptyHint}</Empty>;
  return <>{children(query.data)}</>;
}
