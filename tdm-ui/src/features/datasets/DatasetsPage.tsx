import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";

import { SOURCE_TYPES } from "../../api/enums";
import { datasets } from "../../api/endpoints";
import { StatusBadge, Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { SelectField, TextField } from "../../components/Field";
import { QueryState } from "../../components/States";
import { formatBytes, formatCount, formatDate, shortId } from "../../lib/format";

const PAGE = 25;
const TONES = { subset: "blue", masked: "violet", synthetic: "green" } as const;

export function DatasetsPage() {
  const [params, setParams] = useSearchParams();
  const sourceType = params.get("source_type") ?? "";
  const schemaVersionId = params.get("schema_version_id") ?? "";
  const offset = Number(params.get("offset") ?? 0);
  const list = useQuery({
    queryKey: ["datasets", { sourceType, schemaVersionId, offset }],
    queryFn: () => datasets.list({ source_type: sourceType, schema_version_id: schemaVersionId, limit: PAGE, offset }),
    retry: false,
  });
  const update = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "offset") next.delete("offset");
    setParams(next);
  };
  return (
    <>
      <PageHeader title="Dataset catalog" description="Every dataset version: subsets, masked copies and synthetic data, with manifests and lineage." />
      <Card>
        <div className="mb-4 grid gap-3 sm:grid-cols-2 lg:max-w-2xl">
          <SelectField label="Source type" value={sourceType} placeholder="All types" options={SOURCE_TYPES.map((t) => ({ value: t, label: t }))} onChange={(e) => update("source_type", e.target.value)} />
          <TextField label="Schema version id" value={schemaVersionId} placeholder="Any" onChange={(e) => update("schema_version_id", e.target.value.trim())} />
        </div>
        <QueryState query={list} feature="The dataset catalog" empty={(p) => p.items.length === 0} emptyTitle="No datasets match" emptyHint="Run a subset or a synthetic generation to create one.">
          {(page) => (
            <>
              <ul className="divide-y divide-slate-100">
                {page.items.map((d) => (
                  <li key={d.id}>
                    <Link to={`/datasets/${d.id}`} className="flex flex-wrap items-center justify-between gap-2 py-3 hover:bg-slate-50">
                      <span className="min-w-0">
                        <span className="flex items-center gap-2">
                          <Badge tone={TONES[d.source_type as keyof typeof TONES] ?? "gray"}>{d.source_type}</Badge>
                          <span className="truncate font-medium text-slate-800">{d.name ?? shortId(d.id)}</span>
                        </span>
                        <span className="mt-0.5 block text-xs text-slate-500">{formatDate(d.created_at)}{d.created_by ? ` · ${d.created_by}` : ""}</span>
                      </span>
                      <span className="flex items-center gap-3 text-xs text-slate-500">
                        {formatCount(d.row_count)} rows · {formatBytes(d.byte_size)} <StatusBadge status={d.status} />
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
              <div className="mt-4 flex items-center justify-between text-sm text-slate-600">
                <span>{page.total === 0 ? 0 : page.offset + 1}–{page.offset + page.items.length} of {page.total}</span>
                <div className="flex gap-2">
                  <Button variant="secondary" size="sm" disabled={offset === 0} onClick={() => update("offset", String(Math.max(0, offset - PAGE)))}>Previous</Button>
                  <Button variant="secondary" size="sm" disabled={page.offset + page.items.length >= page.total} onClick={() => update("offset", String(offset + PAGE))}>Next</Button>
                </div>
              </div>
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
