"""Git and agent front ends: pre-commit entry points, staged-blob reading, the audit trail,
the commit-msg policy for AI-assisted commits and coding-agent hooks.

Everything here is a thin layer over the engine; imports stay light because every
commit pays for them.
"""
