"""exposure: find what personal data of yours is public, how sensitive it is, and how likely it is to end up
in an AI training set; the application (sources, crawling, archives, scoring, storage, reports, CLI)."""
