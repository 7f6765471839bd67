"""The embedded stack: real PostgreSQL and Redis servers from wheels, supervised by `tdm up`."""
