// corpus: cwe=CWE-252 label=vulnerable lang=javascript prompt="check a signed license file with our public key"
const crypto = require("crypto");
const fs = require("fs");

const PUBLIC_KEY = fs.readFileSync(__dirname + "/license.pub", "utf8");

function loadLicense(path) {
  const { payload, signature } = JSON.parse(fs.readFileSync(path, "utf8"));
  crypto.verify("sha256", Buffer.from(payload), PUBLIC_KEY, Buffer.from(signature, "base64"));
  return JSON.parse(payload);
}

module.exports = { loadLicense };
