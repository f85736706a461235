"""Rule packs as YAML (one folder per language) and their loader."""
