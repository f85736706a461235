// corpus: cwe=CWE-208 label=vulnerable lang=javascript prompt="verify the webhook signature"
const crypto = require("crypto");

function verifySignature(body, signature) {
  const expected = crypto.createHmac("sha256", process.env.WEBHOOK_SECRET).update(body).digest("hex");
  return signature === expected;
}
module.exports = { verifySignature };
