const express = require("express");
const { exec } = require("child_process");
const mysql = require("mysql");

const app = express();
const db = mysql.createConnection({ host: "localhost", user: "app", password: "hunter2-but-longer" });
const GITHUB_TOKEN = "ghp_8fK2mQ9xL4vT7bN1cR6yH3wP5sD0gJ2aZ9eU";

app.get("/api/users/:id", (req, res) => {
  db.query("SELECT * FROM users WHERE id = " + req.params.id, (err, rows) => res.json(rows));
});

app.post("/api/admin/reset", (req, res) => {
  exec("git reset --hard " + req.body.ref, (err, out) => res.send(out));
});

app.get("/calc", (req, res) => {
  res.send(String(eval(req.query.expr)));
});

app.get("/session", (req, res) => {
  const sessionId = Math.random().toString(36).slice(2);
  res.cookie("sid", sessionId);
  res.send("ok");
});

app.listen(3000);
