import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, type ConnectionOut } from "../../api/client";
import { unwrap } from "../../api/http";
import { keys, useConnections } from "../../api/queries";
import { usePermissions } from "../../auth/AuthProvider";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { ProblemAlert } from "../../components/ProblemAlert";
import { QueryState } from "../../components/States";
import { formatDate } from "../../lib/format";
import { DiscoverButton } from "../schema_discovery/DiscoverButton";
import { ConnectionForm } from "./ConnectionForm";

function ConnectionRow({ connection }: { connection: ConnectionOut }) {
  const { isAdmin, canRun } = usePermissions();
  const queryClient = useQueryClient();
  const test = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST("/api/v1/connections/{connection_id}/test", { params: { path: { connection_id: connection.id } } })),
  });
  const remove = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE("/api/v1/connections/{connection_id}", { params: { path: { connection_id: connection.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.connections }),
  });
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium text-slate-800">{connection.name}</p>
          <p className="truncate font-mono text-xs text-slate-500" title={connection.display_url}>
            {connection.display_url}
          </p>
          <p className="text-xs text-slate-400">
            Added {formatDate(connection.created_at)}
            {connection.created_by ? ` by ${connection.created_by}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {test.data && (
            <Badge tone={test.data.ok ? "green" : "red"} title={test.data.message}>
              {test.data.ok ? `Reachable${test.data.server_version ? ` · PostgreSQL ${test.data.server_version}` : ""}` : "Unreachable"}
            </Badge>
          )}
          {canRun && (
            <Button variant="secondary" size="sm" busy={test.isPending} onClick={() => test.mutate()}>
              Test connection
            </Button>
          )}
          {canRun && <DiscoverButton connectionId={connection.id} />}
          {isAdmin && (
            <Button
              variant="ghost"
              size="sm"
              busy={remove.isPending}
              onClick={() => window.confirm(`Delete the connection "${connection.name}"?`) && remove.mutate()}
            >
              Delete
            </Button>
          )}
        </div>
      </div>
      {test.data && !test.data.ok && <p className="mt-1 text-xs text-rose-600">{test.data.message}</p>}
      <div className="mt-2 space-y-2">
        <ProblemAlert error={test.error} />
        <ProblemAlert error={remove.error} />
      </div>
    </li>
  );
}

export function ConnectionsPage() {
  const { isAdmin } = usePermissions();
  const connections = useConnections();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title="Connections"
        description="Source databases the platform reads from. Passwords are stored encrypted and never shown."
        actions={isAdmin && !adding && <Button onClick={() => setAdding(true)}>Add connection</Button>}
      />
      {adding && (
        <Card title="New connection" className="mb-5">
          <ConnectionForm onDone={() => setAdding(false)} />
        </Card>
      )}
      <Card>
        <QueryState query={connections} empty={(list) => list.length === 0} emptyTitle="No connections yet" emptyHint={isAdmin ? "Add the database you want test data from." : "An admin adds source databases."}>
          {(list) => (
            <ul className="divide-y divide-slate-100">
              {list.map((c) => (
                <ConnectionRow key={c.id} connection={c} />
              ))}
            </ul>
          )}
        </QueryState>
      </Card>
    </>
  );
}
