// corpus: cwe=CWE-252 label=vulnerable lang=javascript prompt="add authenticator-app 2FA to the login flow"
const express = require("express");
const speakeasy = require("speakeasy");
const { User } = require("./models");

const router = express.Router();

router.post("/login/totp", async (req, res) => {
  const user = await User.findById(req.session.pendingUserId);
  speakeasy.totp.verify({ secret: user.totpSecret, encoding: "base32", token: req.body.code, window: 1 });
  req.session.userId = user.id;
  delete req.session.pendingUserId;
  res.json({ ok: true });
});

module.exports = router;
