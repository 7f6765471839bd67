import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { api } from "../../api/client";
import { unwrap } from "../../api/http";
import { keys } from "../../api/queries";
import { type SchemaSnapshot, tableKey } from "../../api/snapshot";
import { Button } from "../../components/Button";
import { SelectField } from "../../components/Field";
import { ProblemAlert } from "../../components/ProblemAlert";
import { type Errors, hasErrors } from "../../lib/validation";

/** Add a foreign key the database does not declare (one column to one column). */
export function VirtualKeyForm({ schemaId, snapshot }: { schemaId: string; snapshot: SchemaSnapshot }) {
  const queryClient = useQueryClient();
  const tables = snapshot.tables.filter((t) => !t.partition_of);
  const tableOptions = tables.map((t) => ({ value: tableKey(t.schema_name, t.name), label: tableKey(t.schema_name, t.name) }));
  const columnsOf = (key: string) =>
    (tables.find((t) => tableKey(t.schema_name, t.name) === key)?.columns ?? []).map((c) => ({ value: c.name, label: `${c.name} (${c.data_type})` }));
  const [child, setChild] = useState("");
  const [childColumn, setChildColumn] = useState("");
  const [parent, setParent] = useState("");
  const [parentColumn, setParentColumn] = useState("");
  const [errors, setErrors] = useState<Errors<"child" | "childColumn" | "parent" | "parentColumn">>({});
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/v1/schema/{schema_id}/relationships", {
          params: { path: { schema_id: schemaId } },
          body: { kind: "foreign_key", child_table: child, child_columns: [childColumn], parent_table: parent, parent_columns: [parentColumn] },
        }),
      ),
    onSuccess: async () => {
      setChildColumn("");
      setParentColumn("");
      await queryClient.invalidateQueries({ queryKey: ["schemas", schemaId] });
      await queryClient.invalidateQueries({ queryKey: keys.relationships(schemaId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      child: child ? undefined : "Choose the referencing table.",
      childColumn: childColumn ? undefined : "Choose its column.",
      parent: parent ? undefined : "Choose the referenced table.",
      parentColumn: parentColumn ? undefined : "Choose its column.",
    };
    setErrors(found);
    if (!hasErrors(found)) add.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField label="Child table" value={child} placeholder="Referencing table" options={tableOptions} onChange={(e) => { setChild(e.target.value); setChildColumn(""); }} error={errors.child} />
        <SelectField label="Child column" value={childColumn} placeholder="Column" disabled={!child} options={columnsOf(child)} onChange={(e) => setChildColumn(e.target.value)} error={errors.childColumn} />
        <SelectField label="Parent table" value={parent} placeholder="Referenced table" options={tableOptions} onChange={(e) => { setParent(e.target.value); setParentColumn(""); }} error={errors.parent} />
        <SelectField label="Parent column" value={parentColumn} placeholder="Column" disabled={!parent} options={columnsOf(parent)} onChange={(e) => setParentColumn(e.target.value)} error={errors.parentColumn} />
      </div>
      <ProblemAlert error={add.error} />
      {add.isSuccess && <p className="text-sm text-emerald-700" role="status">Foreign key added; subsetting and masking now follow it.</p>}
      <Button type="submit" busy={add.isPending}>Add foreign key</Button>
    </form>
  );
}
