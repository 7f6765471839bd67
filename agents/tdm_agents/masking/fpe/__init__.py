"""Format-preserving encryption: a vectorized FF3-1 and helpers around it."""
