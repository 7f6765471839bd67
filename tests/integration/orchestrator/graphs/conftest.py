from tests.integration.orchestrator.graphs.subgraph_support import services  # noqa: F401 - the fixture
