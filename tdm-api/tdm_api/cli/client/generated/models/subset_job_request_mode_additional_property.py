from typing import Literal

SubsetJobRequestModeAdditionalProperty = Literal["full", "skip", "subset"]

SUBSET_JOB_REQUEST_MODE_ADDITIONAL_PROPERTY_VALUES: set[
    SubsetJobRequestModeAdditionalProperty
] = {
    "full",
    "skip",
    "subset",
}


def check_subset_job_request_mode_additional_property(
    value: str,
) -> SubsetJobRequestModeAdditionalProperty:
    if value in SUBSET_JOB_REQUEST_MODE_ADDITIONAL_PROPERTY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SUBSET_JOB_REQUEST_MODE_ADDITIONAL_PROPERTY_VALUES!r}"
    )
