from typing import Literal

FpeAlnumOptionsCharset = Literal["alnum", "lower_alnum", "upper_alnum"]

FPE_ALNUM_OPTIONS_CHARSET_VALUES: set[FpeAlnumOptionsCharset] = {
    "alnum",
    "lower_alnum",
    "upper_alnum",
}


def check_fpe_alnum_options_charset(value: str) -> FpeAlnumOptionsCharset:
    if value in FPE_ALNUM_OPTIONS_CHARSET_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FPE_ALNUM_OPTIONS_CHARSET_VALUES!r}"
    )
