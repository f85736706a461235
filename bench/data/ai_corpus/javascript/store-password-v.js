// corpus: cwe=CWE-256 label=vulnerable lang=javascript prompt="store a new user's password"
const express = require("express");
const db = require("./db");
const app = express();
app.use(express.json());

app.post("/register", async (req, res) => {
  const { email, password } = req.body;
  await db.query("INSERT INTO users (email, password) VALUES ($1, $2)", [email, password]);
  res.status(201).json({ ok: true });
});
