"""``python -m dragoman``: the same entry point as the ``dragoman`` command."""

from dragoman.cli import main

raise SystemExit(main())
