"""The exposure model: per-finding risk, combinations of quasi-identifiers, the profile score, advice.

    scoring.findings.score_findings(findings, signals, profile, key) -> [ScoredFinding], riskiest first

`risk` holds the factors and where their weights come from, `combination` Sweeney's quasi-identifiers,
`profile` the 0-100 profile score and grade, `advice` what to do about each exposure, `levels` the
light types (Level, Factor, Risk) that views and the store share. Nothing is imported here, so a
command that only reads the database does not load the detector taxonomy.
"""
