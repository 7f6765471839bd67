import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { api, type SchemaVersion } from "../../api/client";
import { unwrap } from "../../api/http";
import type { FieldChange, SchemaDiff } from "../../api/snapshot";
import { Badge } from "../../components/Badge";
import { SelectField } from "../../components/Field";
import { Empty, QueryState } from "../../components/States";

const show = (value: unknown) => (value === null || value === undefined ? "∅" : typeof value === "string" ? value : JSON.stringify(value));

function Change({ change }: { change: FieldChange }) {
  return (
    <span className="text-xs">
      {change.field}: <del className="text-rose-600">{show(change.old)}</del> → <ins className="text-emerald-700 no-underline">{show(change.new)}</ins>
    </span>
  );
}

function DiffBody({ diff }: { diff: SchemaDiff }) {
  const unchanged = diff.old_fingerprint === diff.new_fingerprint;
  if (unchanged) return <Empty title="No drift">Both versions have the same structure.</Empty>;
  return (
    <div className="space-y-4 text-sm">
      <div className="flex flex-wrap gap-2">
        <Badge tone="green">{diff.added_tables.length} tables added</Badge>
        <Badge tone="red">{diff.removed_tables.length} tables removed</Badge>
        <Badge tone="amber">{diff.changed_tables.length} tables changed</Badge>
        <Badge tone="blue">{diff.added_relationships.length + diff.removed_relationships.length} relationship changes</Badge>
      </div>
      {diff.added_tables.length > 0 && <p><span className="font-medium">Added:</span> <span className="font-mono text-xs">{diff.added_tables.join(", ")}</span></p>}
      {diff.removed_tables.length > 0 && <p><span className="font-medium">Removed:</span> <span className="font-mono text-xs">{diff.removed_tables.join(", ")}</span></p>}
      <ul className="space-y-2">
        {diff.changed_tables.map((t) => (
          <li key={t.table} className="rounded-md border border-slate-200 p-3">
            <p className="font-mono text-xs font-semibold">{t.table}</p>
            <ul className="mt-1 space-y-0.5">
              {t.added_columns.map((c) => <li key={`+${c}`} className="text-xs text-emerald-700">+ {c}</li>)}
              {t.removed_columns.map((c) => <li key={`-${c}`} className="text-xs text-rose-600">− {c}</li>)}
              {t.changed_columns.map((c) => (
                <li key={`~${c.column}`} className="text-xs">
                  <span className="font-mono">~ {c.column}</span>{" "}
                  {c.changes.map((ch) => <Change key={ch.field} change={ch} />)}
                </li>
              ))}
              {t.primary_key && <li><Change change={t.primary_key} /></li>}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Drift between two versions of a schema. */
export function SchemaDiffView({ schemaId, versions }: { schemaId: string; versions: SchemaVersion[] }) {
  const numbers = versions.map((v) => v.version_number).sort((a, b) => a - b);
  const [from, setFrom] = useState(numbers.length > 1 ? numbers[numbers.length - 2] ?? 1 : 1);
  const [to, setTo] = useState(numbers[numbers.length - 1] ?? 1);
  const diff = useQuery({
    queryKey: ["diff", schemaId, from, to],
    enabled: numbers.length > 1 && from !== to,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/schema/{schema_id}/diff", { params: { path: { schema_id: schemaId }, query: { from, to } } })) as unknown as SchemaDiff,
  });
  if (numbers.length < 2) return <Empty title="Only one version">Discover the schema again to compare versions.</Empty>;
  const options = numbers.map((n) => ({ value: String(n), label: `v${n}` }));
  return (
    <div className="space-y-4">
      <div className="grid max-w-md grid-cols-2 gap-3">
        <SelectField label="From" value={String(from)} options={options} onChange={(e) => setFrom(Number(e.target.value))} />
        <SelectField label="To" value={String(to)} options={options} onChange={(e) => setTo(Number(e.target.value))} />
      </div>
      {from === to ? <p className="text-sm text-slate-500">Pick two different versions.</p> : <QueryState query={diff}>{(d) => <DiffBody diff={d} />}</QueryState>}
    </div>
  );
}
