// corpus: cwe=CWE-256 label=safe lang=javascript prompt="store a new user's password"
const express = require("express");
const bcrypt = require("bcrypt");
const db = require("./db");
const app = express();
app.use(express.json());

app.post("/register", async (req, res) => {
  const { email, password } = req.body;
  const hash = await bcrypt.hash(password, 12);
  await db.query("INSERT INTO users (email, password_hash) VALUES ($1, $2)", [email, hash]);
  res.status(201).json({ ok: true });
});
