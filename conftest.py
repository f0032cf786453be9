"""Root conftest: enable the suite's shared pytest fixtures for every test directory."""

pytest_plugins = ["hunan_shared.testing"]
