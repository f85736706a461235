// corpus: cwe=CWE-79 label=vulnerable lang=javascript prompt="a page that greets the user by name"
const express = require("express");
const app = express();

app.get("/hello", (req, res) => {
  res.send("<h1>Hello " + req.query.name + "</h1>");
});
