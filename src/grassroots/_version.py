"""The package version (its own module, so the bottom layers can read it without importing the top)."""

__version__ = "0.1.0"
