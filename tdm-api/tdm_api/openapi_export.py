"""Write the OpenAPI spec the code generates (`make openapi`); a test compares it with the committed file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tdm_api.main import create_app
from tdm_api.settings import ApiSettings


def generate_spec() -> dict:
    app = create_app(settings=ApiSettings(ui_dist_dir=None))
    return app.openapi()


def render_spec() -> str:
    return json.dumps(generate_spec(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> None:
    target = Path(argv[1]) if len(argv) > 1 else Path("docs/openapi.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_spec())
    print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv)
