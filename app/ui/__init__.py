"""The UI shell: navigation registry, form helpers, pagination and template filters."""
