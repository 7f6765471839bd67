"""Logical schemas, their immutable versions, and the user-defined keys every version keeps."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from tdm_metadata_store.models import Relationship, Schema, SchemaVersion, Table, VirtualRelationship
from tdm_metadata_store.repositories.base import RecordNotFoundError, Repository
from tdm_metadata_store.repositories.schema_rows import write_snapshot_rows
from tdm_metadata_store.snapshot import RelationshipInfo, SchemaSnapshot


class SchemaRepository(Repository):
    """Schemas and schema versions; a version never changes once saved."""

    def get_or_create_schema(
        self, name: str, source_connection_id: uuid.UUID | None = None, description: str | None = None
    ) -> Schema:
        """The schema with this name for this connection, created when it does not exist yet.

        Safe under concurrency: two discoveries of one source insert with ON CONFLICT DO NOTHING and
        both read back the same row.
        """
        existing = self._find_schema(name, source_connection_id)
        if existing is not None:
            return existing
        if source_connection_id is not None:
            self.session.execute(
                pg_insert(Schema)
                .values(name=name, source_connection_id=source_connection_id, description=description)
                .on_conflict_do_nothing()
            )
            found = self._find_schema(name, source_connection_id)
            assert found is not None
            return found
        row = Schema(name=name, source_connection_id=source_connection_id, description=description)
        self.session.add(row)
        self.session.flush()
        return row

    def _find_schema(self, name: str, source_connection_id: uuid.UUID | None) -> Schema | None:
        query = select(Schema).where(Schema.name == name)
        if source_connection_id is None:
            query = query.where(Schema.source_connection_id.is_(None))
        else:
            query = query.where(Schema.source_connection_id == source_connection_id)
        return self.session.scalar(query)

    def get_schema(self, schema_id: uuid.UUID) -> Schema | None:
        """The schema with this id, or None."""
        return self.session.get(Schema, schema_id)

    def list_schemas(self) -> Sequence[Schema]:
        """All schemas by name."""
        return self.session.scalars(select(Schema).order_by(Schema.name, Schema.created_at)).all()

    def save_version(
        self, schema_id: uuid.UUID, snapshot: SchemaSnapshot, job_id: uuid.UUID | None = None
    ) -> SchemaVersion:
        """Store the snapshot as version N+1 with its fingerprint, plus table/column/relationship rows.

        The schema row is locked first so that two discoveries of one schema get distinct numbers.
        """
        schema = self.session.scalar(select(Schema).where(Schema.id == schema_id).with_for_update())
        if schema is None:
            raise RecordNotFoundError("schema", schema_id)
        last = self.session.scalar(
            select(func.max(SchemaVersion.version_number)).where(SchemaVersion.schema_id == schema_id)
        )
        version = SchemaVersion(
            schema_id=schema_id,
            version_number=(last or 0) + 1,
            fingerprint=snapshot.fingerprint(),
            status="active",
            job_id=job_id,
            snapshot_json=snapshot.model_dump(mode="json"),
            table_count=len(snapshot.tables),
            column_count=sum(len(t.columns) for t in snapshot.tables),
        )
        self.session.add(version)
        self.session.flush()
        write_snapshot_rows(self.session, version.id, snapshot)
        self.session.flush()
        return version

    def version_for_job(self, job_id: uuid.UUID) -> SchemaVersion | None:
        """The version a discovery job saved, if any: a retried job finds it instead of saving twice."""
        return self.session.scalar(select(SchemaVersion).where(SchemaVersion.job_id == job_id))

    def get_version(self, version_id: uuid.UUID) -> SchemaVersion | None:
        """The schema version with this id, or None."""
        return self.session.get(SchemaVersion, version_id)

    def get_version_by_number(self, schema_id: uuid.UUID, version_number: int) -> SchemaVersion | None:
        """Version `version_number` of a schema, or None."""
        return self.session.scalar(
            select(SchemaVersion).where(
                SchemaVersion.schema_id == schema_id, SchemaVersion.version_number == version_number
            )
        )

    def latest_version(self, schema_id: uuid.UUID) -> SchemaVersion | None:
        """The newest version of a schema, or None before the first discovery."""
        return self.session.scalar(
            select(SchemaVersion)
            .where(SchemaVersion.schema_id == schema_id)
            .order_by(SchemaVersion.version_number.desc())
            .limit(1)
        )

    def list_versions(self, schema_id: uuid.UUID) -> Sequence[SchemaVersion]:
        """All versions of a schema, newest first."""
        return self.session.scalars(
            select(SchemaVersion)
            .where(SchemaVersion.schema_id == schema_id)
            .order_by(SchemaVersion.version_number.desc())
        ).all()

    def load_snapshot(self, version_id: uuid.UUID, include_virtual: bool = True) -> SchemaSnapshot:
        """The version's snapshot; with include_virtual, the schema's user-defined keys are laid over it."""
        version = self.get_version(version_id)
        if version is None:
            raise RecordNotFoundError("schema version", version_id)
        snapshot = SchemaSnapshot.model_validate(version.snapshot_json)
        if include_virtual:
            apply_virtual_relationships(snapshot, self.list_virtual_relationships(version.schema_id))
        return snapshot

    def tables_of_version(self, version_id: uuid.UUID) -> Sequence[Table]:
        """The table rows of a version by schema and name (columns not loaded)."""
        return self.session.scalars(
            select(Table).where(Table.schema_version_id == version_id).order_by(Table.schema_name, Table.name)
        ).all()

    def relationships_of_version(self, version_id: uuid.UUID) -> Sequence[Relationship]:
        """The relationship rows of a version."""
        return self.session.scalars(
            select(Relationship).where(Relationship.schema_version_id == version_id)
        ).all()

    def add_virtual_relationship(
        self,
        schema_id: uuid.UUID,
        *,
        kind: str,
        child_schema: str,
        child_table: str,
        child_columns: list[str],
        parent_schema: str | None = None,
        parent_table: str | None = None,
        parent_columns: list[str] | None = None,
        created_by: str | None = None,
    ) -> VirtualRelationship:
        """Add a user-defined primary key (kind='primary_key') or foreign key (kind='foreign_key')."""
        if kind == "foreign_key" and not (parent_table and parent_columns):
            raise ValueError("a virtual foreign key needs a parent table and parent columns")
        if kind == "foreign_key" and len(parent_columns or []) != len(child_columns):
            raise ValueError("a virtual foreign key needs as many parent columns as child columns")
        row = VirtualRelationship(
            schema_id=schema_id,
            kind=kind,
            child_schema=child_schema,
            child_table=child_table,
            child_columns=list(child_columns),
            parent_schema=(parent_schema or child_schema) if kind == "foreign_key" else None,
            parent_table=parent_table if kind == "foreign_key" else None,
            parent_columns=list(parent_columns or []) if kind == "foreign_key" else [],
            created_by=created_by,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def list_virtual_relationships(self, schema_id: uuid.UUID) -> Sequence[VirtualRelationship]:
        """The schema's user-defined keys, oldest first."""
        return self.session.scalars(
            select(VirtualRelationship)
            .where(VirtualRelationship.schema_id == schema_id)
            .order_by(VirtualRelationship.created_at, VirtualRelationship.id)
        ).all()

    def delete_virtual_relationship(self, relationship_id: uuid.UUID) -> bool:
        """Remove a user-defined key; True when it existed."""
        return self._delete(VirtualRelationship, relationship_id)


def apply_virtual_relationships(snapshot: SchemaSnapshot, virtual: Sequence[VirtualRelationship]) -> None:
    """Lay user-defined keys over a snapshot in place; keys on tables it lacks are ignored."""
    existing = {
        (r.child_key, tuple(r.child_columns), r.parent_key, tuple(r.parent_columns))
        for r in snapshot.relationships
    }
    for v in virtual:
        child = snapshot.table(f"{v.child_schema}.{v.child_table}")
        if child is None:
            continue
        if v.kind == "primary_key":
            child.virtual_primary_key = list(v.child_columns)
            continue
        rel = RelationshipInfo(
            name=f"virtual_{v.id.hex[:12]}",
            child_schema=v.child_schema,
            child_table=v.child_table,
            child_columns=list(v.child_columns),
            parent_schema=v.parent_schema or v.child_schema,
            parent_table=v.parent_table or "",
            parent_columns=list(v.parent_columns),
            is_virtual=True,
        )
        signature = (rel.child_key, tuple(rel.child_columns), rel.parent_key, tuple(rel.parent_columns))
        if snapshot.table(f"{rel.parent_schema}.{rel.parent_table}") is None or signature in existing:
            continue
        snapshot.relationships.append(rel)
        existing.add(signature)
