"""Fetching what the person asked to scan from the web: the polite client, robots.txt, page
metadata, AI-training signals and one adapter per platform (see `platforms/`)."""
