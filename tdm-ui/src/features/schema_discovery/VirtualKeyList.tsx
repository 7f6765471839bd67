import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "../../api/client";
import { unwrap } from "../../api/http";
import { keys } from "../../api/queries";
import { usePermissions } from "../../auth/AuthProvider";
import { Button } from "../../components/Button";
import { ProblemAlert } from "../../components/ProblemAlert";
import { QueryState } from "../../components/States";

/** User-defined keys of a schema, with removal for operators. */
export function VirtualKeyList({ schemaId }: { schemaId: string }) {
  const { canRun } = usePermissions();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: keys.relationships(schemaId),
    queryFn: async () => unwrap(await api.GET("/api/v1/schema/{schema_id}/relationships", { params: { path: { schema_id: schemaId } } })),
  });
  const remove = useMutation({
    mutationFn: async (relationshipId: string) =>
      unwrap(await api.DELETE("/api/v1/schema/{schema_id}/relationships/{relationship_id}", { params: { path: { schema_id: schemaId, relationship_id: relationshipId } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["schemas", schemaId] });
    },
  });
  return (
    <>
      <QueryState query={list} empty={(rows) => rows.length === 0} emptyTitle="No user-defined keys">
        {(rows) => (
          <ul className="divide-y divide-slate-100 text-sm">
            {rows.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="font-mono text-xs">
                  {r.kind === "primary_key"
                    ? `${r.child_table} key (${r.child_columns.join(", ")})`
                    : `${r.child_table}(${r.child_columns.join(", ")}) → ${r.parent_table}(${r.parent_columns.join(", ")})`}
                </span>
                {canRun && (
                  <Button variant="ghost" size="sm" busy={remove.isPending && remove.variables === r.id} onClick={() => remove.mutate(r.id)}>
                    Remove
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <ProblemAlert error={remove.error} />
    </>
  );
}
