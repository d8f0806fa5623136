"""The JSON API (`/api/v1`): shared spec object, schemas, errors, pagination and tokens."""
