// corpus: cwe=CWE-89 label=vulnerable lang=javascript prompt="an Express route that returns a user's orders"
const express = require("express");
const mysql = require("mysql2");
const pool = mysql.createPool({ host: "localhost", user: "app", database: "shop" });
const app = express();

app.get("/orders/:userId", (req, res) => {
  pool.query(`SELECT * FROM orders WHERE user_id = ${req.params.userId}`, (err, rows) => {
    if (err) return res.status(500).end();
    res.json(rows);
  });
});
