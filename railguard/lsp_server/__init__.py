"""The railguard language server (pygls). Imported only by `railguard lsp`, never by the CLI
or the hooks: pygls and lsprotocol cost most of a second to import.

- server.py    registers the LSP handlers; each one translates between LSP types and the engine
- convert.py   findings, ranges and edits to and from lsprotocol types
- settings.py  settings and engines resolved per workspace folder
- buffer.py    open documents, kept byte-exact, with incremental tree-sitter edits
- encoding.py  LSP position units (UTF-16 by default) to and from byte offsets
- scheduler.py debounce, cancellation and stale-version dropping of scans
- actions.py   quick fixes, suppressions, baseline entries and secret replacements
"""
