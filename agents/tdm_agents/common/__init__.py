"""Pieces every agent shares: progress reporting and cancellation."""
