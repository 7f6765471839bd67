"""URL handling of the source connector (no server needed)."""

import pytest

from tdm_agents.schema_discovery.connector import DiscoveryError, describe_source, open_source


def test_sqlalchemy_style_urls_are_accepted():
    address = describe_source("postgresql+psycopg://alice:s3cret@db.internal:6543/shop")
    assert (address.host, address.port, address.database, address.user) == (
        "db.internal",
        6543,
        "shop",
        "alice",
    )


@pytest.mark.parametrize(
    "url", ["mysql://u:hunter2pw@h/d", "not a url hunter2pw", "postgresql://u:hunter2pw@h:notaport/d"]
)
def test_invalid_urls_fail_in_one_sentence_without_the_password(url):
    with pytest.raises(DiscoveryError) as info:
        open_source(url, timeout_s=1)
    assert info.value.reason in ("invalid_url", "unreachable")
    assert "hunter2pw" not in str(info.value)
    assert info.value.__cause__ is None
    assert "hunter2pw" not in repr(info.value.__context__)
