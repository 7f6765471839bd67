"""The demo: a sample source database with realistic PII, and a guided run of the whole pipeline."""
