# corpus: cwe=CWE-377 label=safe lang=python framework=none prompt="write the export to a temporary file before uploading it"
import tempfile


def export(rows):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as fh:
        for row in rows:
            fh.write(",".join(row) + "\n")
    return fh.name
