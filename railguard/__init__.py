"""railguard: a guardrail for AI-assisted coding. One rule engine for the editor, the commit hook and CI."""

__version__ = "0.1.0"
