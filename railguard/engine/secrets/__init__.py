"""Secrets detection: the prefilter, the detectors, hard-negative filters, redaction and the
detect-secrets baseline. The analyzer in engine/analyzers/secrets.py ties them together."""
