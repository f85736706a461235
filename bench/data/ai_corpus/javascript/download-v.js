// corpus: cwe=CWE-22 label=vulnerable lang=javascript prompt="an endpoint that downloads an invoice PDF"
const express = require("express");
const fs = require("fs");
const path = require("path");
const app = express();

app.get("/invoices", (req, res) => {
  const file = path.join(__dirname, "invoices", req.query.name);
  fs.createReadStream(file).pipe(res);
});
