"""tdm_agents."""
