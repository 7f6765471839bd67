"""Regular expressions that come from users (masking rules, OpenAPI specs, crawled forms).

They are compiled with RE2, which matches in time linear in the text (no backtracking: no
backreferences, no lookaround), and refused when the compiled program exceeds a size budget:
RE2's cost per byte is bounded by the program size, so each value gets a bounded time budget
however hostile the pattern. The same bound caps what a generator such as rstr can be asked
to expand.
"""

from __future__ import annotations

import re2

MAX_PATTERN_LENGTH = 1000
MAX_PROGRAM_SIZE = 2000


class UnsafePatternError(ValueError):
    """A pattern RE2 cannot compile, or one over the size budget."""


def check_user_pattern(pattern: str) -> str:
    """`pattern` if RE2 compiles it within the budget; UnsafePatternError (a ValueError) otherwise."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafePatternError(f"pattern is longer than {MAX_PATTERN_LENGTH} characters")
    options = re2.Options()
    options.log_errors = False
    options.max_mem = 8 << 20
    try:
        compiled = re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        text = reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)
        raise UnsafePatternError(f"pattern is not a valid RE2 expression: {text[:200]}") from None
    if compiled.programsize > MAX_PROGRAM_SIZE:
        raise UnsafePatternError(
            f"pattern is too complex ({compiled.programsize} RE2 instructions, at most {MAX_PROGRAM_SIZE})"
        )
    return pattern
