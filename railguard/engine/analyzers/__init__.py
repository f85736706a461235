"""One module per analyzer; base.ANALYZERS is the registry."""
