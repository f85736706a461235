// corpus: cwe=CWE-916 label=safe lang=javascript prompt="hash a password before saving the user"
const crypto = require("crypto");

function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 64);
  return salt.toString("hex") + ":" + key.toString("hex");
}

module.exports = { hashPassword };
