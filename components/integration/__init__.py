"""Components of the `dataplatform:integration:*` type-token area."""
