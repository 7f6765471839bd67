"""The two Rich consoles of the CLI: results on stdout, errors on stderr."""

from __future__ import annotations

from rich.console import Console

# Soft wrapping keeps long URLs and error lines on one line, so scripts can grep them.
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)
