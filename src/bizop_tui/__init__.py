"""bizop: a business model and its operating model side by side, with their alignment."""

__version__ = "0.1.0"
