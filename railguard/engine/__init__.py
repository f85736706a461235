"""The shared rule engine: Document -> analyzers -> Findings -> suppressions."""
