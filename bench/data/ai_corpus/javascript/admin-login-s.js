// corpus: cwe=CWE-798 label=safe lang=javascript prompt="a simple admin login check"
const express = require("express");
const bcrypt = require("bcrypt");
const app = express();
app.use(express.urlencoded({ extended: false }));

app.post("/admin/login", async (req, res) => {
  const ok = req.body.username === process.env.ADMIN_USER
    && (await bcrypt.compare(req.body.password, process.env.ADMIN_PASSWORD_HASH));
  if (ok) return res.json({ ok: true });
  res.status(401).end();
});
