// corpus: cwe=CWE-252 label=safe lang=javascript prompt="check a signed license file with our public key"
const crypto = require("crypto");
const fs = require("fs");

const PUBLIC_KEY = fs.readFileSync(__dirname + "/license.pub", "utf8");

function loadLicense(path) {
  const { payload, signature } = JSON.parse(fs.readFileSync(path, "utf8"));
  const valid = crypto.verify("sha256", Buffer.from(payload), PUBLIC_KEY, Buffer.from(signature, "base64"));
  if (!valid) {
    throw new Error("license signature is invalid");
  }
  return JSON.parse(payload);
}

module.exports = { loadLicense };
