"""Choosing how to sample: the cost must not grow with the table."""

from psycopg import sql

from tdm_agents.schema_discovery.sampling import SamplingPlan, plan_sampling


def test_small_tables_are_read_whole():
    assert plan_sampling(500, 5, 10000) == SamplingPlan("full", None, 10000)


def test_mid_sized_tables_use_bernoulli_with_a_matching_percentage():
    plan = plan_sampling(100_000, 1_000, 10_000)
    assert plan.method == "bernoulli"
    assert 10 < plan.percent < 20 and plan.limit == 10_000


def test_a_billion_rows_reads_a_few_pages_with_system_sampling():
    plan = plan_sampling(1_000_000_000, 20_000_000, 10_000)
    assert plan.method == "system"
    pages_read = 20_000_000 * plan.percent / 100
    assert pages_read < 1_000


def test_never_analyzed_tables_are_sized_by_their_pages():
    assert plan_sampling(None, 0, 10_000).method == "full"
    assert plan_sampling(None, 1_000_000, 10_000).method == "system"


def test_from_clause_quotes_the_relation_and_inlines_the_percentage():
    plan = plan_sampling(1_000_000_000, 20_000_000, 10_000)
    rendered = plan.from_clause(sql.Identifier("s", "big table")).as_string(None)
    assert rendered.startswith('"s"."big table" TABLESAMPLE SYSTEM (')
