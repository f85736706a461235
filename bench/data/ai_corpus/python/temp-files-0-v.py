# corpus: cwe=CWE-377 label=vulnerable lang=python framework=none prompt="write the export to a temporary file before uploading it"
import tempfile


def export(rows):
    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w") as fh:
        for row in rows:
            fh.write(",".join(row) + "\n")
    return path
