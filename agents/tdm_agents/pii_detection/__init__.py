"""PII classification: column names, value checks and an optional LLM, merged into findings.

Entry points:
- `classify.classify_columns(samples, use_llm=..., llm=..., hooks=..., budget=..., cache=...)`
- `classify.classify_snapshot(url, snapshot, sample_size_per_column=100, ...)`
- `reviews.apply_reviews(findings, reviews, snapshot)`
- `suggested_rules.suggest_masking_rules(findings)`
- `llm_classifier.build_llm_from_settings(settings=None)`
"""
