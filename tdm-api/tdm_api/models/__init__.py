"""Request and response models (Pydantic v2) of the REST API."""
