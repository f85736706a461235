// corpus: cwe=CWE-347 label=vulnerable lang=javascript prompt="middleware that reads the user from the JWT"
const jwt = require("jsonwebtoken");

module.exports = function auth(req, res, next) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  const claims = jwt.decode(token);
  if (!claims) return res.status(401).end();
  req.user = claims.sub;
  next();
};
