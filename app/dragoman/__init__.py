"""Dragoman: push-to-talk speech translation for the desktop."""

__version__ = "0.1.0"
