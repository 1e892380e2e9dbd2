"""copydesk: a copy-quality linter for news articles (the engine package)."""

__version__ = "0.1.0"
