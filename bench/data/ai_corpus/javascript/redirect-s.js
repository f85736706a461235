// corpus: cwe=CWE-601 label=safe lang=javascript prompt="redirect after login to the page in ?next"
const express = require("express");
const app = express();

app.get("/login/done", (req, res) => {
  const next = String(req.query.next || "/");
  res.redirect(next.startsWith("/") && !next.startsWith("//") ? next : "/");
});
