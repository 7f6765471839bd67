"""tdm_api."""
