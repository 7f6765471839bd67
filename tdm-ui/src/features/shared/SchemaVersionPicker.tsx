import { useEffect } from "react";

import { useSchemas, useSchemaVersions } from "../../api/queries";
import { SelectField } from "../../components/Field";

export interface SchemaVersionChoice {
  schemaId: string;
  versionNumber: number | null;
  versionId: string | null;
}

interface Props {
  value: SchemaVersionChoice;
  onChange: (choice: SchemaVersionChoice) => void;
  error?: string | null;
}

/** Pick a discovered schema, then one of its versions (the latest by default). */
export function SchemaVersionPicker({ value, onChange, error }: Props) {
  const schemas = useSchemas();
  const versions = useSchemaVersions(value.schemaId || undefined);
  const latest = versions.data?.[0];

  useEffect(() => {
    if (value.schemaId && value.versionId === null && latest) {
      onChange({ schemaId: value.schemaId, versionNumber: latest.version_number, versionId: latest.id });
    }
  }, [latest, value, onChange]);

  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <SelectField
        label="Schema"
        value={value.schemaId}
        placeholder={schemas.isPending ? "Loading…" : schemas.data?.length ? "Choose a schema" : "No schemas discovered yet"}
        options={(schemas.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        onChange={(e) => onChange({ schemaId: e.target.value, versionNumber: null, versionId: null })}
        error={error}
      />
      <SelectField
        label="Version"
        value={value.versionId ?? ""}
        disabled={!value.schemaId || versions.isPending}
        placeholder={value.schemaId ? (versions.isPending ? "Loading…" : "Choose a version") : "Choose a schema first"}
        options={(versions.data ?? []).map((v) => ({
          value: v.id,
          label: `v${v.version_number} · ${v.table_count} tables`,
        }))}
        onChange={(e) => {
          const chosen = versions.data?.find((v) => v.id === e.target.value);
          onChange({ schemaId: value.schemaId, versionNumber: chosen?.version_number ?? null, versionId: chosen?.id ?? null });
        }}
      />
    </div>
  );
}

export const NO_SCHEMA: SchemaVersionChoice = { schemaId: "", versionNumber: null, versionId: null };
