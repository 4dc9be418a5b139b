"""A real OpenSearch node for tests and local use; see control.py."""
