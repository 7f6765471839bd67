import { type FormEvent, useState } from "react";

import { api } from "../../api/client";
import { unwrap } from "../../api/http";
import { useConnections } from "../../api/queries";
import { Button } from "../../components/Button";
import { Checkbox, SelectField, TextField } from "../../components/Field";
import { ProblemAlert } from "../../components/ProblemAlert";
import { checkIntegerInRange, type Errors, hasErrors } from "../../lib/validation";
import { useSubmitJob } from "../shared/useSubmitJob";

/** Start a discovery job: which connection, which database schemas, how much to sample. */
export function DiscoverForm() {
  const connections = useConnections();
  const [connectionId, setConnectionId] = useState("");
  const [schemas, setSchemas] = useState("public");
  const [schemaName, setSchemaName] = useState("");
  const [sampleSize, setSampleSize] = useState("10000");
  const [exactCounts, setExactCounts] = useState(false);
  const [errors, setErrors] = useState<Errors<"connection" | "schemas" | "sample">>({});
  const discover = useSubmitJob(async () =>
    unwrap(
      await api.POST("/api/v1/discover-schema", {
        body: {
          connection_id: connectionId,
          schemas: schemas.split(",").map((s) => s.trim()).filter(Boolean),
          schema_name: schemaName.trim() || null,
          sample_size: Number(sampleSize || 10000),
          include_stats: true,
          exact_counts: exactCounts,
        },
      }),
    ),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const list = schemas.split(",").map((s) => s.trim()).filter(Boolean);
    const found = {
      connection: connectionId ? undefined : "Choose a connection.",
      schemas: list.length === 0 ? "Name at least one database schema." : list.length > 100 ? "At most 100 schemas." : undefined,
      sample: checkIntegerInRange(sampleSize, 10, 1_000_000, "Sample size"),
    };
    setErrors(found);
    if (!hasErrors(found)) discover.mutate(undefined);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField
          label="Connection"
          value={connectionId}
          onChange={(e) => setConnectionId(e.target.value)}
          placeholder={connections.data?.length ? "Choose a connection" : "No connections yet"}
          options={(connections.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          error={errors.connection}
        />
        <TextField label="Database schemas" value={schemas} onChange={(e) => setSchemas(e.target.value)} error={errors.schemas} hint="Comma-separated, e.g. public, sales" />
        <TextField label="Logical schema name (optional)" value={schemaName} onChange={(e) => setSchemaName(e.target.value)} maxLength={255} hint="Defaults to the connection's name." />
        <TextField label="Rows sampled per table" inputMode="numeric" value={sampleSize} onChange={(e) => setSampleSize(e.target.value)} error={errors.sample} />
      </div>
      <Checkbox label="Exact row counts" hint="Counts every row instead of using estimates; slower on big tables." checked={exactCounts} onChange={(e) => setExactCounts(e.target.checked)} />
      <ProblemAlert error={discover.error} />
      <Button type="submit" busy={discover.isPending}>
        Start discovery
      </Button>
    </form>
  );
}
