// corpus: cwe=CWE-918 label=safe lang=javascript prompt="an Express handler that proxies a URL"
const express = require("express");
const axios = require("axios");
const app = express();
const ALLOWED_HOSTS = new Set(["api.example.com"]);

app.get("/proxy", async (req, res) => {
  let target;
  try {
    target = new URL(req.query.url);
  } catch {
    return res.status(400).end();
  }
  if (target.protocol !== "https:" || !ALLOWED_HOSTS.has(target.hostname)) {
    return res.status(400).end();
  }
  const response = await axios.get(target.toString(), { maxRedirects: 0 });
  res.send(response.data);
});
