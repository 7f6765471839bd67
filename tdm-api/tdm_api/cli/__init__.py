"""The `tdm` command line: the embedded stack's commands, and client commands that talk to the API."""
