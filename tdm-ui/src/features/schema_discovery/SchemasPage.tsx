import { useState } from "react";
import { Link } from "react-router";

import { useSchemas } from "../../api/queries";
import { usePermissions } from "../../auth/AuthProvider";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { QueryState } from "../../components/States";
import { formatDate } from "../../lib/format";
import { DiscoverForm } from "./DiscoverForm";

export function SchemasPage() {
  const { canRun } = usePermissions();
  const schemas = useSchemas();
  const [discovering, setDiscovering] = useState(false);
  return (
    <>
      <PageHeader
        title="Schema explorer"
        description="Discovered schemas and their versions: tables, columns, keys, PII and drift."
        actions={canRun && !discovering && <Button onClick={() => setDiscovering(true)}>Discover a schema</Button>}
      />
      {discovering && (
        <Card title="Discover a schema" className="mb-5" actions={<Button variant="ghost" size="sm" onClick={() => setDiscovering(false)}>Close</Button>}>
          <DiscoverForm />
        </Card>
      )}
      <QueryState query={schemas} empty={(list) => list.length === 0} emptyTitle="No schemas discovered yet" emptyHint={canRun ? "Discover one from a connection." : "An operator discovers schemas from connections."}>
        {(list) => (
          <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
            {list.map((schema) => (
              <li key={schema.id}>
                <Link to={`/schemas/${schema.id}`} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300">
                  <p className="font-medium text-slate-900">{schema.name}</p>
                  <p className="mt-1 text-sm text-slate-500">
                    {schema.latest_version ? `Version ${schema.latest_version}` : "No version yet"} · created {formatDate(schema.created_at)}
                  </p>
                  {schema.description && <p className="mt-1 text-sm text-slate-600">{schema.description}</p>}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </>
  );
}
