"""Thin asyncio adapters that pump bytes through the pure protocol cores."""
