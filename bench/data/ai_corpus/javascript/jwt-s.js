// corpus: cwe=CWE-347 label=safe lang=javascript prompt="middleware that reads the user from the JWT"
const jwt = require("jsonwebtoken");

module.exports = function auth(req, res, next) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  try {
    req.user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ["HS256"] }).sub;
  } catch {
    return res.status(401).end();
  }
  next();
};
