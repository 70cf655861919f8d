"""Cost: the one price table, the monthly bound of a stack, and its ceiling rule."""
