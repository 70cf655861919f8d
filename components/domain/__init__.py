"""Components of the `dataplatform:domain:*` type-token area."""
