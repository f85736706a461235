// corpus: cwe=CWE-252 label=safe lang=javascript prompt="a login endpoint that returns a JWT"
const express = require("express");
const bcrypt = require("bcryptjs");
const jwt = require("jsonwebtoken");
const db = require("./db");

const app = express();
app.use(express.json());

app.post("/api/login", (req, res) => {
  const user = db.users.findByEmail(req.body.email);
  if (!user || !bcrypt.compareSync(req.body.password, user.password)) {
    return res.status(401).json({ error: "invalid credentials" });
  }
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: "1h" });
  res.json({ token });
});

app.listen(3000);
