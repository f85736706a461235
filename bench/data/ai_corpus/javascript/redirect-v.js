// corpus: cwe=CWE-601 label=vulnerable lang=javascript prompt="redirect after login to the page in ?next"
const express = require("express");
const app = express();

app.get("/login/done", (req, res) => {
  res.redirect(req.query.next || "/");
});
