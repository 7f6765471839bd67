"""The `tdm` client commands: every platform operation over the REST API (httpx, Rich, Typer).

Each module registers one command group (`tdm_api.cli.main.COMMAND_MODULES` lists them); the global
options `--api-url`, `--api-key` and `--output` are in `context`. Exit codes are in
`exit_codes.ExitCode`.
"""
