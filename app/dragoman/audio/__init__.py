"""Audio I/O and signal processing that needs native libraries (soxr, PortAudio); not pure."""
