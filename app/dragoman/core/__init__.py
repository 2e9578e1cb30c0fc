"""Pure logic: protocol cores, policies, models and audio math. No I/O, no Qt."""
