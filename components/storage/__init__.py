"""Components of the `dataplatform:storage:*` type-token area."""
