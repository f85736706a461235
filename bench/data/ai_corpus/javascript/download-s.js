// corpus: cwe=CWE-22 label=safe lang=javascript prompt="an endpoint that downloads an invoice PDF"
const express = require("express");
const app = express();

app.get("/invoices", (req, res) => {
  res.sendFile(String(req.query.name), { root: __dirname + "/invoices" });
});
