"""The exposure model: per-finding risk, combinations of quasi-identifiers, the profile score, advice.

    Scorer(signals, self_profile, key).score(documents, linked) -> ScoredFinding per finding (findings.py)
    raise_combinations(store, linked), stored_profile(store, scan_id)        (stored.py, over the database)

`risk` holds the factors and where their weights come from, `combination` Sweeney's quasi-identifiers,
`profile` the 0-100 profile score and grade, `advice` what to do about each exposure, `levels` the
light types (Level, Risk) that views share, `stored` the model applied to the store's rows (the store
decides nothing). Nothing is imported here, so a command that only reads the database does not load
the detector taxonomy.
"""
