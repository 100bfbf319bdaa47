"""The commands, one module each, with a ``run(args) -> exit status``; imported when run."""
