"""Schema discovery: read a source PostgreSQL database into a `SchemaSnapshot`.

Entry points (import them from their modules; the package does not re-export `discover`, which
would shadow the module of the same name):

- `tdm_agents.schema_discovery.discover.discover()` runs everything over one read-only session;
  the same module's stage functions (`connect_db`, `fetch_tables`, ... `save_metadata`) do the
  work one graph node at a time.
- `tdm_agents.schema_discovery.diff.diff_snapshots()` compares two snapshots (drift).
- `tdm_agents.schema_discovery.connector.DiscoveryError` is the one failure type.
"""
