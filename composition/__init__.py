"""The composition root: resolved stack config in, components out.

This is the only package that knows both sides. `stacks/` resolves each stack file
(every environment default applied, every value checked); one resolver per object
type here turns those resolved values into component `Args` (platform objects and
domain objects through the same resolver), and `DataPlatform` composes the
components. Naming, tags and protection come from one `StackContext`.
"""
