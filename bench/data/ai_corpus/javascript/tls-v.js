// corpus: cwe=CWE-295 label=vulnerable lang=javascript prompt="call the internal API over HTTPS"
const https = require("https");
const axios = require("axios");

const agent = new https.Agent({ rejectUnauthorized: false });
module.exports = () => axios.get("https://internal.example.com/api", { httpsAgent: agent });
