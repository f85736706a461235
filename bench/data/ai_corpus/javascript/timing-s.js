// corpus: cwe=CWE-208 label=safe lang=javascript prompt="verify the webhook signature"
const crypto = require("crypto");

function verifySignature(body, signature) {
  const expected = crypto.createHmac("sha256", process.env.WEBHOOK_SECRET).update(body).digest();
  const given = Buffer.from(String(signature), "hex");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
module.exports = { verifySignature };
