// corpus: cwe=CWE-841 label=vulnerable lang=javascript prompt="second step of password reset: set the new password once the code was checked"
const express = require("express");
const bcrypt = require("bcrypt");
const { User } = require("./models");

const router = express.Router();

router.post("/reset/password", async (req, res) => {
  const data = req.body;
  if (data.codeVerified === true) {
    const user = await User.findOne({ email: data.email });
    user.passwordHash = await bcrypt.hash(data.newPassword, 12);
    await user.save();
    return res.json({ ok: true });
  }
  res.status(400).json({ error: "verify the code first" });
});

module.exports = router;
