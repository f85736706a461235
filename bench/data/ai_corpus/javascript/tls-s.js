// corpus: cwe=CWE-295 label=safe lang=javascript prompt="call the internal API over HTTPS"
const https = require("https");
const fs = require("fs");
const axios = require("axios");

const agent = new https.Agent({ ca: fs.readFileSync("internal-ca.pem") });
module.exports = () => axios.get("https://internal.example.com/api", { httpsAgent: agent });
