"""Provisioning: load a dataset version into a target PostgreSQL in one transaction.

Entry points:

- `provision.provision(url, dataset, options, hooks)` does the whole run atomically (reset,
  schema, binary COPY load, keys, sequences, smoke tests) and returns the result summary;
- `provision.plan_provisioning(conn, dataset, options)` plans without changing anything (the
  shape check that refuses conflicting tables);
- `target.probe(url)` checks a target is reachable and writable;
- `dataset_schema.snapshot_for_dataset(...)` gives the schema to create when a dataset has no
  schema version (synthetic data);
- `errors.ProvisioningError` and its subclasses are the failures, worded for users.
"""
