// corpus: cwe=CWE-330 label=safe lang=javascript prompt="generate a password reset token"
const crypto = require("crypto");

function resetToken() {
  return crypto.randomBytes(32).toString("hex");
}
module.exports = { resetToken };
