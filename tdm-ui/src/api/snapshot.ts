/**
 * The schema snapshot inside `GET /schema/{id}` (typed as a free-form object in the spec): the
 * shape of `tdm_metadata_store.snapshot.SchemaSnapshot`, and `GET /schema/{id}/diff`'s shape.
 */
export interface ColumnStats {
  sample_rows: number;
  null_fraction?: number | null;
  distinct_count?: number | null;
  min?: string | null;
  max?: string | null;
}

export interface ColumnInfo {
  name: string;
  data_type: string;
  type_category: string;
  nullable: boolean;
  ordinal_position: number;
  default?: string | null;
  is_identity?: boolean;
  is_generated?: boolean;
  enum_values?: string[] | null;
  comment?: string | null;
  inferred_type?: string | null;
  stats?: ColumnStats | null;
}

export interface TableInfo {
  schema_name: string;
  name: string;
  kind: string;
  row_estimate?: number | null;
  exact_row_count?: number | null;
  size_bytes?: number | null;
  columns: ColumnInfo[];
  primary_key: string[];
  unique_constraints: { name: string; columns: string[] }[];
  /** Set on a partition: it is read, subset and masked through its partitioned parent. */
  partition_of?: string | null;
  /** On a partitioned table: its PARTITION BY clause and its partitions (qualified names). */
  partition_key?: string | null;
  partitions?: string[];
  partition_bound?: string | null;
  /** Table inheritance (INHERITS), both ways, as qualified names. */
  inherits?: string[];
  inherited_by?: string[];
  comment?: string | null;
  virtual_primary_key?: string[] | null;
}

export interface RelationshipInfo {
  name?: string | null;
  child_schema: string;
  child_table: string;
  child_columns: string[];
  parent_schema: string;
  parent_table: string;
  parent_columns: string[];
  is_virtual?: boolean;
}

export interface SchemaSnapshot {
  database?: string | null;
  server_version?: string | null;
  schemas: string[];
  tables: TableInfo[];
  relationships: RelationshipInfo[];
}

/** The name a table goes by in datasets, rules and filters: bare in `public`, else qualified. */
export function tableKey(schemaName: string, name: string): string {
  return schemaName === "public" ? name : `${schemaName}.${name}`;
}

export function asSnapshot(value: Record<string, unknown>): SchemaSnapshot {
  const snapshot = value as Partial<SchemaSnapshot>;
  return {
    database: snapshot.database ?? null,
    server_version: snapshot.server_version ?? null,
    schemas: snapshot.schemas ?? [],
    tables: snapshot.tables ?? [],
    relationships: snapshot.relationships ?? [],
  };
}

export interface FieldChange {
  field: string;
  old?: unknown;
  new?: unknown;
}

export interface SchemaDiff {
  from: number;
  to: number;
  old_fingerprint: string;
  new_fingerprint: string;
  added_tables: string[];
  removed_tables: string[];
  changed_tables: {
    table: string;
    added_columns: string[];
    removed_columns: string[];
    changed_columns: { column: string; changes: FieldChange[] }[];
    primary_key?: FieldChange | null;
  }[];
  added_relationships: RelationshipInfo[];
  removed_relationships: RelationshipInfo[];
}
