"""One module per CLI command: what the command does, separate from how its options are parsed."""
