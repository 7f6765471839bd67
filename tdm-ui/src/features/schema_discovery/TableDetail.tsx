import type { PiiColumn } from "../../api/client";
import { type RelationshipInfo, type TableInfo, tableKey } from "../../api/snapshot";
import { Badge } from "../../components/Badge";
import { formatBytes, formatCount } from "../../lib/format";
import { PiiBadge } from "../pii_detection/PiiBadge";
import { columnKey } from "../pii_detection/usePiiFindings";

interface Props {
  table: TableInfo;
  relationships: RelationshipInfo[];
  pii: Map<string, PiiColumn>;
}

function keyBadges(table: TableInfo, column: string, fkColumns: Set<string>) {
  const badges = [];
  if (table.primary_key.includes(column)) badges.push(<Badge key="pk" tone="indigo">PK</Badge>);
  if (table.virtual_primary_key?.includes(column)) badges.push(<Badge key="vpk" tone="violet">key</Badge>);
  if (fkColumns.has(column)) badges.push(<Badge key="fk" tone="blue">FK</Badge>);
  if (table.unique_constraints.some((u) => u.columns.length === 1 && u.columns[0] === column)) badges.push(<Badge key="uq">unique</Badge>);
  return badges;
}

/** Partition key and partitions of a partitioned table; INHERITS parents and children. */
function TableFamily({ table }: { table: TableInfo }) {
  const lines: [string, string][] = [];
  if (table.partition_key) lines.push([`Partitioned by ${table.partition_key}`, `${table.partitions?.length ?? 0} partitions: ${(table.partitions ?? []).join(", ")}`]);
  if (table.inherits?.length) lines.push(["Inherits from", table.inherits.join(", ")]);
  if (table.inherited_by?.length) lines.push(["Inherited by", table.inherited_by.join(", ")]);
  if (lines.length === 0) return null;
  return (
    <dl className="mt-1 space-y-0.5 text-sm">
      {lines.map(([label, value]) => (
        <div key={label} className="flex flex-wrap gap-x-2">
          <dt className="font-medium text-slate-700">{label}</dt>
          <dd className="font-mono text-xs leading-5 text-slate-600">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One table's columns with keys, types, semantic labels, PII and sampled statistics. */
export function TableDetail({ table, relationships, pii }: Props) {
  const key = tableKey(table.schema_name, table.name);
  const outgoing = relationships.filter((r) => tableKey(r.child_schema, r.child_table) === key);
  const incoming = relationships.filter((r) => tableKey(r.parent_schema, r.parent_table) === key);
  const fkColumns = new Set(outgoing.flatMap((r) => r.child_columns));
  return (
    <div className="space-y-4">
      <div>
        <h3 className="text-base font-semibold text-slate-900">{table.schema_name}.{table.name}</h3>
        <p className="text-sm text-slate-500">
          {table.kind.replace("_", " ")} · ~{formatCount(table.exact_row_count ?? table.row_estimate)} rows · {formatBytes(table.size_bytes)}
          {table.comment ? ` · ${table.comment}` : ""}
        </p>
        <TableFamily table={table} />
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-3 font-medium">Column</th>
              <th className="py-2 pr-3 font-medium">Type</th>
              <th className="py-2 pr-3 font-medium">Keys &amp; labels</th>
              <th className="py-2 pr-3 text-right font-medium">Null %</th>
              <th className="py-2 text-right font-medium">Distinct</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.columns.map((c) => (
              <tr key={c.name}>
                <td className="py-1.5 pr-3 font-mono text-xs">
                  {c.name}
                  {!c.nullable && <span className="ml-1 text-slate-400" title="NOT NULL">*</span>}
                </td>
                <td className="py-1.5 pr-3 text-xs text-slate-600">{c.data_type}</td>
                <td className="py-1.5 pr-3">
                  <div className="flex flex-wrap gap-1">
                    {keyBadges(table, c.name, fkColumns)}
                    {c.inferred_type && <Badge tone="green">{c.inferred_type}</Badge>}
                    <PiiBadge column={pii.get(columnKey(tableKey(table.schema_name, table.name), c.name))} />
                  </div>
                </td>
                <td className="py-1.5 pr-3 text-right text-xs text-slate-600">
                  {c.stats?.null_fraction === null || c.stats?.null_fraction === undefined ? "—" : `${Math.round(c.stats.null_fraction * 100)}%`}
                </td>
                <td className="py-1.5 text-right text-xs text-slate-600">{formatCount(c.stats?.distinct_count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(outgoing.length > 0 || incoming.length > 0) && (
        <div className="grid gap-3 text-sm md:grid-cols-2">
          <div>
            <p className="font-medium text-slate-700">References</p>
            <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-600">
              {outgoing.map((r, i) => (
                <li key={i}>
                  ({r.child_columns.join(", ")}) → {tableKey(r.parent_schema, r.parent_table)}({r.parent_columns.join(", ")}){r.is_virtual ? " · user-defined" : ""}
                </li>
              ))}
              {outgoing.length === 0 && <li className="font-sans text-slate-400">None</li>}
            </ul>
          </div>
          <div>
            <p className="font-medium text-slate-700">Referenced by</p>
            <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-600">
              {incoming.map((r, i) => (
                <li key={i}>
                  {tableKey(r.child_schema, r.child_table)}({r.child_columns.join(", ")})
                </li>
              ))}
              {incoming.length === 0 && <li className="font-sans text-slate-400">None</li>}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
