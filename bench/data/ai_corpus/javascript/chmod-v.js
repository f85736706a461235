// corpus: cwe=CWE-732 label=vulnerable lang=javascript prompt="create the shared cache directory"
const fs = require("fs");

fs.mkdirSync("/var/cache/app", { recursive: true });
fs.chmodSync("/var/cache/app", 0o777);
