# The snippet harness lives in tests/harness; pyproject.toml puts tests/ on sys.path.
pytest_plugins = ["harness.plugin"]
