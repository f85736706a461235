"""The MCP server (`railguard mcp`): scan_code, scan_files, scan_diff and explain_rule as
Model Context Protocol tools for coding agents. Needs the `mcp` extra; nothing else imports it.

- confine.py   workspace roots and path confinement
- schema.py    the tools' structured results (their output schemas)
- scanning.py  the tools' work: engine, config, baseline, thresholds, commit verdict
- server.py    the MCPServer, its tools and stdio transport
"""
