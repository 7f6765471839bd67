"""docs/masking.md's options reference is generated from the option models and must not drift."""

from __future__ import annotations

from pathlib import Path

from tdm_agents.masking.transformers import list_transformers
from tdm_agents.masking.transformers.catalogue_doc import BEGIN, END, render, rewrite

DOC = Path(__file__).resolve().parents[4] / "docs" / "masking.md"


def test_committed_options_reference_matches_the_models():
    text = DOC.read_text()
    assert rewrite(text) == text, "run `make openapi` to regenerate docs/masking.md"


def test_reference_lists_every_rule_type_and_its_limits():
    section = render()
    assert section.startswith(BEGIN) and section.endswith(END)
    for info in list_transformers():
        assert f"#### `{info.name}`" in section
    assert "| `prefix_length` | integer | `3` | >= 0; <= 64 |" in section


def test_rewrite_replaces_only_the_generated_section():
    text = f"# Title\n\n{BEGIN}\nstale\n{END}\n\nafter\n"
    out = rewrite(text)
    assert out.startswith("# Title\n\n") and out.endswith("\n\nafter\n") and "stale" not in out
