"""Webhook URLs checked when they are configured (environment `config.webhook_url`, registered
webhooks): http(s) only, and no host that is or resolves to a private, loopback, link-local or
metadata address unless the operator allows it (`TDM_WEBHOOK_ALLOW_PRIVATE`,
`TDM_WEBHOOK_ALLOWED_HOSTS`). Workers apply the same policy again at every delivery, connecting
only to the address they checked; a name that does not resolve yet is therefore accepted here.
"""

from __future__ import annotations

from tdm_agents.common.url_guard import UrlRefused, check_url
from tdm_api.errors import Invalid
from tdm_orchestrator.contract import webhook_url_policy


def check_webhook_url(url: str | None, field: str) -> None:
    """Invalid (422 naming `field`) unless webhooks may be sent to `url`."""
    if url is None:
        return
    try:
        check_url(url, webhook_url_policy(), allow_unresolvable=True)
    except UrlRefused as exc:
        raise Invalid(f"Webhook URL not allowed: {exc}.", field=field) from None
