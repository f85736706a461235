// corpus: cwe=CWE-732 label=safe lang=javascript prompt="create the shared cache directory"
const fs = require("fs");

fs.mkdirSync("/var/cache/app", { recursive: true, mode: 0o750 });
