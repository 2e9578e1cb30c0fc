"""Local emulators of third-party services, for tests."""
