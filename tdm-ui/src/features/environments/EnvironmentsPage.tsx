import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, type EnvironmentOut } from "../../api/client";
import { unwrap } from "../../api/http";
import { keys, useEnvironments } from "../../api/queries";
import { usePermissions } from "../../auth/AuthProvider";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { ProblemAlert } from "../../components/ProblemAlert";
import { QueryState } from "../../components/States";
import { EnvironmentForm } from "./EnvironmentForm";

function EnvironmentCard({ environment }: { environment: EnvironmentOut }) {
  const { isAdmin } = usePermissions();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const remove = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE("/api/v1/environments/{environment_id}", { params: { path: { environment_id: environment.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.environments }),
  });
  const config = environment.config as { reset_mode?: string; target_schema?: string; protected?: boolean };
  if (editing) {
    return (
      <Card title={`Edit ${environment.name}`}>
        <EnvironmentForm existing={environment} onDone={() => setEditing(false)} />
      </Card>
    );
  }
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          {environment.name}
          {config.protected && <Badge tone="amber">protected</Badge>}
        </span>
      }
      actions={
        isAdmin && (
          <>
            <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button variant="ghost" size="sm" busy={remove.isPending} onClick={() => window.confirm(`Delete ${environment.name}?`) && remove.mutate()}>
              Delete
            </Button>
          </>
        )
      }
    >
      {environment.description && <p className="mb-2 text-sm text-slate-600">{environment.description}</p>}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500">Target</dt>
        <dd className="truncate font-mono text-xs leading-5">{environment.has_connection ? environment.display_url : <Badge tone="red">not set</Badge>}</dd>
        <dt className="text-slate-500">Load mode</dt>
        <dd>{config.reset_mode ?? "truncate"}</dd>
        <dt className="text-slate-500">Schema</dt>
        <dd className="font-mono text-xs leading-5">{config.target_schema ?? "public"}</dd>
      </dl>
      <div className="mt-2">
        <ProblemAlert error={remove.error} />
      </div>
    </Card>
  );
}

export function EnvironmentsPage() {
  const { isAdmin } = usePermissions();
  const environments = useEnvironments();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title="Environments"
        description="Target databases that datasets are provisioned into (QA, SIT, UAT, Perf, Dev…)."
        actions={isAdmin && !adding && <Button onClick={() => setAdding(true)}>Add environment</Button>}
      />
      {adding && (
        <Card title="New environment" className="mb-5">
          <EnvironmentForm onDone={() => setAdding(false)} />
        </Card>
      )}
      <QueryState query={environments} empty={(list) => list.length === 0} emptyTitle="No environments yet" emptyHint="Add QA, SIT or UAT to provision datasets into them.">
        {(list) => (
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
            {list.map((env) => (
              <EnvironmentCard key={env.id} environment={env} />
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}
