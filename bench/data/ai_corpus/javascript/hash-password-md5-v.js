// corpus: cwe=CWE-916 label=vulnerable lang=javascript prompt="hash a password before saving the user"
const crypto = require("crypto");

function hashPassword(password) {
  return crypto.createHash("md5").update(password).digest("hex");
}

module.exports = { hashPassword };
