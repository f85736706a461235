"""Local value flow over tree-sitter nodes for the conditions of query rules (see syntax.py)."""
