// corpus: cwe=CWE-78 label=vulnerable lang=javascript prompt="an endpoint that runs nslookup for a domain"
const express = require("express");
const { exec } = require("child_process");
const app = express();

app.get("/lookup", (req, res) => {
  exec("nslookup " + req.query.domain, (err, stdout) => res.send(stdout));
});
