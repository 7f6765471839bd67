"""Privacy settings shared by requests: what a mask job does with unknown personal columns."""

from __future__ import annotations

from typing import Literal

# What a mask job does with a column that has no rule and looks personal (privacy by default: fail).
UnknownColumns = Literal["fail", "mask_default"]
