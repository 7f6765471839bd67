"""Schema sources: OpenAPI/Swagger documents, crawled web UIs and test-case files."""
