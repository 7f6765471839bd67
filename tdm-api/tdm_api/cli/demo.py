"""`tdm demo`: start the embedded stack, create a sample source, run the whole pipeline through the API."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated

import psycopg
import typer
from rich.table import Table
from sqlalchemy.engine import make_url

from tdm_api.cli.client.http import ApiClient, ClientError
from tdm_api.cli.console import err, out
from tdm_api.demo.runner import DemoFailed, DemoRun
from tdm_api.demo.sample_source import SampleSize, build_sample_source
from tdm_api.stack.control import running_supervisor_pid, start_detached
from tdm_api.stack.env_files import read_env_file
from tdm_api.stack.home import StackHome
from tdm_api.stack.settings import get_settings
from tdm_api.stack.supervisor import UpOptions

SOURCE_DB = "demo_shop"
TARGET_DB = "demo_qa"
KEY_FILE = "demo.key"


def _database_url(stack_db_url: str, name: str) -> str:
    return make_url(stack_db_url).set(database=name).render_as_string(hide_password=False)


def _ensure_database(server_url: str, name: str) -> tuple[str, bool]:
    """The database's URL, and whether it was created now."""
    with psycopg.connect(server_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
    return _database_url(server_url, name), not exists


def _has_sample(url: str) -> bool:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT to_regclass('public.payments') IS NOT NULL").fetchone()
        return bool(row and row[0])


def _demo_key(home: StackHome, database_url: str) -> str:
    """The demo's admin key, kept in TDM_HOME (mode 0600) so a second run reuses it."""
    path = home.root / KEY_FILE
    if path.exists():
        key = path.read_text().strip()
        from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
        from tdm_metadata_store.repositories.api_keys import ApiKeyRepository

        with unit_of_work(make_session_factory(make_engine(database_url))) as session:
            if ApiKeyRepository(session).authenticate(key) is not None:
                return key
    from tdm_metadata_store.db import make_engine, make_session_factory, unit_of_work
    from tdm_metadata_store.repositories.api_keys import ApiKeyRepository

    with unit_of_work(make_session_factory(make_engine(database_url))) as session:
        _, key = ApiKeyRepository(session).create("demo", "admin", created_by="tdm demo")
    path.write_text(key + "\n")
    os.chmod(path, 0o600)
    return key


def _start_stack(home: StackHome, workers: int, api_port: int | None) -> None:
    if running_supervisor_pid(home) is None:
        err.print(f"Starting the embedded stack in {home.root} …")
        start_detached(home, UpOptions(workers=workers, api_port=api_port))


def _summary_table(run: DemoRun) -> Table:
    table = Table(title="Demo summary", title_justify="left")
    table.add_column("stage")
    table.add_column("time", justify="right")
    table.add_column("result")
    for stage in run.stages:
        details = "; ".join(f"{k}: {v}" for k, v in stage.details.items() if v not in (None, ""))
        table.add_row(stage.name, f"{stage.seconds:.1f} s", details)
    return table


def demo(
    home: Annotated[
        Path | None, typer.Option("--home", help="Stack directory [default: TDM_HOME or ~/.tdm].")
    ] = None,
    customers: Annotated[
        int, typer.Option(min=100, max=5_000_000, help="Customers in the sample source.")
    ] = 100_000,
    workers: Annotated[int, typer.Option(min=1, max=8, help="Workers to start with the stack.")] = 2,
    api_port: Annotated[int | None, typer.Option("--api-port", min=1, max=65535)] = None,
) -> None:
    """Run the whole pipeline on a sample database with realistic PII: discover → PII → subset → mask →
    provision into QA → synthetic top-up. Safe to run again."""
    stack_home = StackHome((home or get_settings().home).expanduser().resolve())
    began = time.monotonic()
    _start_stack(stack_home, workers, api_port)
    env = read_env_file(stack_home.env_file)
    database_url, api_url = env["DATABASE_URL"], env["TDM_API_URL"]
    source_url, created = _ensure_database(database_url, SOURCE_DB)
    target_url, _ = _ensure_database(database_url, TARGET_DB)
    if created or not _has_sample(source_url):
        err.print(f"Creating the sample source database ({customers:,} customers, 9 tables) …")
        counts = build_sample_source(source_url, SampleSize(customers=customers))
        err.print("  " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    key = _demo_key(stack_home, database_url)
    with ApiClient(api_url, key) as client:
        run = DemoRun(client)
        try:
            connection_id = run.ensure_connection(source_url)
            run.ensure_environment(target_url)
            for title, action in _stages(run, connection_id):
                err.rule(title)
                action()
        except (DemoFailed, ClientError) as exc:
            out.print(_summary_table(run))
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(1) from None
    out.print(_summary_table(run))
    out.print(f"Datasets: {env.get('TDM_DATASET_DIR')}")
    out.print(f"Portal:   {api_url}/   (sign in with the admin key below)")
    out.print(f"Admin key: {key}", markup=False)
    out.print(f"QA database: {make_url(target_url).render_as_string(hide_password=True)}")
    out.print(f"Done in {time.monotonic() - began:.0f} s. The stack keeps running; stop it with `tdm down`.")


def _stages(run: DemoRun, connection_id: str):
    """The stages in order; each reads what the previous ones produced from `ids`."""
    ids: dict[str, str | None] = {}

    def discover() -> None:
        ids["version"] = run.discover(connection_id)

    def classify() -> None:
        run.classify(ids["version"] or "")

    def subset() -> None:
        ids["subset"] = run.subset(ids["version"] or "")

    def mask() -> None:
        ids["masked"] = run.mask(ids["subset"] or "")

    def provision() -> None:
        run.provision(ids["masked"] or "")

    def synthetic() -> None:
        ids["synthetic"] = run.synthetic_top_up()
        if ids["synthetic"]:
            run.provision(ids["synthetic"], stage="provision synthetic", target_schema="synthetic")
        else:
            err.print("The server has no synthetic endpoint; top-up skipped.")

    return [
        ("1/6 Discover the source schema", discover),
        ("2/6 Classify PII", classify),
        ("3/6 Subset 10% of customers", subset),
        ("4/6 Mask with the suggested rules", mask),
        ("5/6 Provision into QA", provision),
        ("6/6 Synthetic top-up (ecommerce pack)", synthetic),
    ]


def register(app: typer.Typer) -> None:
    """Add `tdm demo` to the CLI."""
    app.command("demo")(demo)
