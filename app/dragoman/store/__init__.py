"""Persistence: settings (QSettings), secrets (OS keyring), history."""
