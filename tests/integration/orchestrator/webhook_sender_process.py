"""A webhook sender in a process of its own, for tests that kill it: `python -m
tests.integration.orchestrator.webhook_sender_process <database url> <redis url> <dataset dir>`.

It claims and sends deliveries until it is killed; its settings come from the environment.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tdm_orchestrator.settings import get_settings
from tdm_orchestrator.webhook_sender import WebhookSender
from tests.integration.orchestrator.webhook_support import make_services


def main(database_url: str, redis_url: str, dataset_dir: str) -> None:
    services = make_services(database_url, redis_url, Path(dataset_dir))
    sender = WebhookSender(services, get_settings(), "doomed-sender")
    sender.start()
    sender.stopping.wait()


if __name__ == "__main__":
    main(*sys.argv[1:4])
