import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";

import { type TableInfo, tableKey } from "../../api/snapshot";
import { useSchemaDetail, useSchemaVersions } from "../../api/queries";
import { usePermissions } from "../../auth/AuthProvider";
import { Badge } from "../../components/Badge";
import { Card, PageHeader } from "../../components/Card";
import { SelectField } from "../../components/Field";
import { Empty, QueryState } from "../../components/States";
import { Tabs } from "../../components/Tabs";
import { formatDate } from "../../lib/format";
import { columnKey, isPii, usePiiFindings } from "../pii_detection/usePiiFindings";
import { RelationshipDiagram } from "./RelationshipDiagram";
import { DriftGatePanel } from "./DriftGatePanel";
import { SchemaDiffView } from "./SchemaDiffView";
import { TableDetail } from "./TableDetail";
import { TableTree } from "./TableTree";
import { VirtualKeyForm } from "./VirtualKeyForm";
import { VirtualKeyList } from "./VirtualKeyList";

type Tab = "tables" | "diagram" | "drift" | "keys";

export function SchemaExplorerPage() {
  const { schemaId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const versionParam = params.get("version");
  const version = versionParam ? Number(versionParam) : undefined;
  const versions = useSchemaVersions(schemaId);
  const detail = useSchemaDetail(schemaId, version);
  const { byColumn, query: piiQuery } = usePiiFindings(detail.data?.version.id);
  const { canRun } = usePermissions();
  const [tab, setTab] = useState<Tab>("tables");
  const [selected, setSelected] = useState<string | null>(null);

  const piiCount = (t: TableInfo) => t.columns.filter((c) => isPii(byColumn.get(columnKey(tableKey(t.schema_name, t.name), c.name)))).length;

  return (
    <>
      <PageHeader
        title={detail.data?.schema.name ?? "Schema"}
        description={
          detail.data && (
            <>
              v{detail.data.version.version_number} · {detail.data.version.table_count} tables · {detail.data.version.column_count} columns · discovered {formatDate(detail.data.version.discovered_at)}
            </>
          )
        }
        actions={
          <div className="flex items-end gap-2">
            <SelectField
              label="Version"
              className="w-40"
              value={String(version ?? detail.data?.version.version_number ?? "")}
              options={(versions.data ?? []).map((v) => ({ value: String(v.version_number), label: `v${v.version_number}${v.id === versions.data?.[0]?.id ? " (latest)" : ""}` }))}
              onChange={(e) => setParams({ version: e.target.value })}
            />
          </div>
        }
      />
      <p className="-mt-3 mb-4 flex items-center gap-2 text-sm">
        <Link to="/schemas" className="text-indigo-600 hover:underline">← All schemas</Link>
        {piiQuery.data && <Badge tone="red">{[...byColumn.values()].filter(isPii).length} PII columns</Badge>}
      </p>
      <QueryState query={detail}>
        {(data) => {
          const snapshot = data.parsed;
          const table = snapshot.tables.find((t) => tableKey(t.schema_name, t.name) === selected) ?? null;
          return (
            <>
              <Tabs
                label="Schema views"
                value={tab}
                onChange={setTab}
                tabs={[
                  { id: "tables", label: "Tables" },
                  { id: "diagram", label: "Relationships" },
                  { id: "drift", label: "Version diff" },
                  { id: "keys", label: "User-defined keys" },
                ]}
              />
              {tab === "tables" && (
                <div className="grid gap-4 lg:grid-cols-[18rem_1fr]">
                  <Card>
                    <TableTree tables={snapshot.tables} selected={selected} onSelect={setSelected} piiCount={piiCount} />
                  </Card>
                  <Card>
                    {table ? (
                      <TableDetail table={table} relationships={snapshot.relationships} pii={byColumn} />
                    ) : (
                      <Empty title="Pick a table">Its columns, keys, PII and statistics appear here.</Empty>
                    )}
                  </Card>
                </div>
              )}
              {tab === "diagram" && (
                <Card title="Relationship diagram" actions={selected && <button type="button" className="text-sm text-indigo-600 hover:underline" onClick={() => setSelected(null)}>Show all tables</button>}>
                  <RelationshipDiagram tables={snapshot.tables} relationships={snapshot.relationships} focus={selected} onSelect={setSelected} />
                </Card>
              )}
              {tab === "drift" && (
                <div className="space-y-4">
                  <Card title="Schema drift gate">
                    <DriftGatePanel schemaId={schemaId} />
                  </Card>
                  <Card title="Drift between versions">
                    <QueryState query={versions}>{(list) => <SchemaDiffView schemaId={schemaId} versions={list} />}</QueryState>
                  </Card>
                </div>
              )}
              {tab === "keys" && (
                <div className="grid gap-4 lg:grid-cols-2">
                  <Card title="User-defined keys">
                    <VirtualKeyList schemaId={schemaId} />
                  </Card>
                  {canRun && (
                    <Card title="Add a foreign key">
                      <VirtualKeyForm schemaId={schemaId} snapshot={snapshot} />
                    </Card>
                  )}
                </div>
              )}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
