"""Redis for the platform: client factories, key patterns, locks, job events, cancel flags, job queue."""
