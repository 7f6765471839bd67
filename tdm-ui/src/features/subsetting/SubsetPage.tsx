import { useState } from "react";

import { useEndpointAvailable } from "../../api/capabilities";
import { useConnections, useSchemaDetail } from "../../api/queries";
import { usePermissions } from "../../auth/AuthProvider";
import { Card, PageHeader } from "../../components/Card";
import { NotAvailable } from "../../components/ProblemAlert";
import { Empty, QueryState } from "../../components/States";
import { NO_SCHEMA, SchemaVersionPicker } from "../shared/SchemaVersionPicker";
import { ReadOnlyNotice } from "../shared/ReadOnlyNotice";
import { SubsetBuilder } from "./SubsetBuilder";

export function SubsetPage() {
  const { canRun } = usePermissions();
  const available = useEndpointAvailable("post", "/subset/plan");
  const [choice, setChoice] = useState(NO_SCHEMA);
  const detail = useSchemaDetail(choice.schemaId || undefined, choice.versionNumber ?? undefined);
  const connections = useConnections();
  return (
    <>
      <PageHeader title="Subset builder" description="A referentially intact slice of a source: targets, filters, limits and sampling. Plan before you run." />
      {!available && <div className="mb-4"><NotAvailable feature="Subsetting" /></div>}
      <Card className="mb-4">
        <SchemaVersionPicker value={choice} onChange={setChoice} />
        {!canRun && <div className="mt-3"><ReadOnlyNotice action="run subsets (planning still works)" /></div>}
      </Card>
      {!choice.versionId ? (
        <Empty title="Choose a schema version">Its tables and columns drive the form.</Empty>
      ) : (
        <QueryState query={detail}>
          {(d) => (
            <SubsetBuilder key={choice.versionId} schemaVersionId={choice.versionId ?? ""} snapshot={d.parsed} connections={connections.data ?? []} defaultConnectionId={d.schema.source_connection_id ?? null} canRun={canRun && available} />
          )}
        </QueryState>
      )}
    </>
  );
}
