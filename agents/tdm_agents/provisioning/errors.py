"""Failures of a provisioning run, each worded for the user: no values, no passwords."""

from __future__ import annotations


class ProvisioningError(Exception):
    """A provisioning run could not complete; the target is left as it was."""


class TargetConnectionError(ProvisioningError):
    """The target database could not be reached or refused the login."""


class SchemaConflictError(ProvisioningError):
    """A target table exists with a shape the dataset cannot be loaded into."""


class LoadError(ProvisioningError):
    """Rows could not be written into the target (constraint violation, privileges, bad types)."""


class SmokeTestsFailed(ProvisioningError):
    """The loaded data did not pass its smoke tests, so the load was rolled back."""

    def __init__(self, message: str, results: dict) -> None:
        super().__init__(message)
        self.results = results
