"""What every rule shares: values, views, the stack index, metadata, settings, evaluation."""
