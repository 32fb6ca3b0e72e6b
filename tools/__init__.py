"""Project tooling: the scale data generator and the query-plan checks (not imported by the app)."""
