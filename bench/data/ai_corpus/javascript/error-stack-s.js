// corpus: cwe=CWE-209 label=safe lang=javascript prompt="an Express error handler"
const express = require("express");
const app = express();

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ message: "internal server error" });
});
