"""Without SDV the learned engine fails with a clear install hint (simulated by hiding the module)."""

from __future__ import annotations

import sys

import pytest

from tdm_agents.synthetic.errors import EngineUnavailable
from tdm_agents.synthetic.generate import make_engine


def test_missing_sdv_raises_engine_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes `import sdv` raise ImportError, as when it is not installed.
    monkeypatch.setitem(sys.modules, "sdv", None)
    with pytest.raises(EngineUnavailable, match=r"pip install tdm\[sdv\]"):
        make_engine("sdv")
