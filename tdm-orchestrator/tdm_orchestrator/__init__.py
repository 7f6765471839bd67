"""tdm_orchestrator."""
