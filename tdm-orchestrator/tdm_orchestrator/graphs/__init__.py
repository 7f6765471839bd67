"""The supergraph and one subgraph per agent."""
