// corpus: cwe=CWE-252 label=vulnerable lang=javascript prompt="verify the current password before setting a new one"
const express = require("express");
const bcrypt = require("bcrypt");
const { User } = require("./models");

const router = express.Router();

router.post("/account/password", async (req, res) => {
  const user = await User.findByPk(req.session.userId);
  const { currentPassword, newPassword } = req.body;
  await bcrypt.compare(currentPassword, user.passwordHash);
  user.passwordHash = await bcrypt.hash(newPassword, 12);
  await user.save();
  res.json({ ok: true });
});

module.exports = router;
