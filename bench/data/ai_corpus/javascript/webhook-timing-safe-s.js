// corpus: cwe=CWE-252 label=safe lang=javascript prompt="verify the Shopify webhook HMAC before processing the order"
const express = require("express");
const crypto = require("crypto");
const { fulfilOrder } = require("./orders");

const app = express();

app.post("/webhooks/orders", express.raw({ type: "application/json" }), (req, res) => {
  const digest = crypto.createHmac("sha256", process.env.SHOPIFY_SECRET).update(req.body).digest();
  const header = Buffer.from(req.get("X-Shopify-Hmac-Sha256") || "", "base64");
  if (header.length !== digest.length || !crypto.timingSafeEqual(digest, header)) {
    return res.sendStatus(401);
  }
  fulfilOrder(JSON.parse(req.body.toString("utf8")));
  res.sendStatus(200);
});

module.exports = app;
