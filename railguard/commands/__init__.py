"""Subcommands of the `railguard` CLI, one module each (see railguard/cli.py)."""
