// corpus: cwe=CWE-798 label=vulnerable lang=javascript prompt="a simple admin login check"
const express = require("express");
const app = express();
app.use(express.urlencoded({ extended: false }));

app.post("/admin/login", (req, res) => {
  if (req.body.username === "admin" && req.body.password === "admin123") {
    return res.json({ ok: true });
  }
  res.status(401).end();
});
