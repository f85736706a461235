"""Detectors behind the `ai` analyzer: agent settings, MCP servers, hidden Unicode, dependencies."""
