"""The demo's sample source: the shapes subsetters trip over, with valid-looking PII."""

import psycopg

from tdm_api.demo.sample_source import SampleSize, build_sample_source


def test_sample_source_has_keys_cycles_and_valid_pii(fresh_db_url):
    counts = build_sample_source(
        fresh_db_url, SampleSize(customers=500, stores=4, staff_per_store=3, products=50)
    )
    assert counts["customers"] == 500 and counts["orders"] == 1000 and len(counts) >= 8
    with psycopg.connect(fresh_db_url) as conn:
        fks = conn.execute(
            "SELECT conrelid::regclass::text, confrelid::regclass::text, array_length(conkey, 1) "
            "FROM pg_constraint WHERE contype = 'f'"
        ).fetchall()
        assert any(n > 1 for _, _, n in fks), "composite FK"
        assert ("customers", "customers", 1) in fks and ("staff", "staff", 1) in fks, "self-references"
        assert ("stores", "staff", 1) in fks and ("staff", "stores", 1) in fks, "cycle"
        cards = [r[0] for r in conn.execute("SELECT card_number FROM payments LIMIT 50")]
        for card in cards:
            digits = [int(c) for c in card][::-1]
            total = sum(
                d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits)
            )
            assert total % 10 == 0
        orphans = conn.execute(
            "SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        locales = conn.execute("SELECT count(DISTINCT country_code) FROM customers").fetchone()[0]
        assert locales >= 5
