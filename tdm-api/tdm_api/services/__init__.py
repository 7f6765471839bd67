"""Services of the API: what handlers call besides repositories."""
