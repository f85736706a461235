// corpus: cwe=CWE-78 label=safe lang=javascript prompt="an endpoint that runs nslookup for a domain"
const express = require("express");
const { execFile } = require("child_process");
const app = express();

app.get("/lookup", (req, res) => {
  execFile("nslookup", ["--", String(req.query.domain)], (err, stdout) => res.send(stdout));
});
