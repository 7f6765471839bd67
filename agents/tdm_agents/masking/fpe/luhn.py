"""The Luhn check, vectorized over (rows, n) digit matrices."""

from __future__ import annotations

import numpy as np

_DOUBLED = np.array([0, 2, 4, 6, 8, 1, 3, 5, 7, 9], dtype=np.int64)
_UNDOUBLE = np.argsort(_DOUBLED)


def _weighted(digits: np.ndarray) -> np.ndarray:
    n = digits.shape[1]
    from_right = np.arange(n)[::-1]
    doubled = from_right % 2 == 1
    d = digits.astype(np.int64)
    return np.where(doubled[None, :], _DOUBLED[d], d)


def luhn_valid(digits: np.ndarray) -> np.ndarray:
    """Whether each row passes the Luhn check."""
    return _weighted(digits).sum(axis=1) % 10 == 0


def fix_luhn_digit(digits: np.ndarray, position: int) -> np.ndarray:
    """Set the digit at `position` in each row so the row passes the Luhn check."""
    out = digits.copy()
    out[:, position] = 0
    rest = _weighted(out).sum(axis=1) % 10
    needed = (10 - rest) % 10
    doubled = (digits.shape[1] - 1 - position) % 2 == 1
    out[:, position] = (_UNDOUBLE[needed] if doubled else needed).astype(out.dtype)
    return out
