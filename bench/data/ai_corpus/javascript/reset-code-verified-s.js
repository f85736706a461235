// corpus: cwe=CWE-841 label=safe lang=javascript prompt="second step of password reset: set the new password once the code was checked"
const express = require("express");
const bcrypt = require("bcrypt");
const { User, ResetCode } = require("./models");

const router = express.Router();

router.post("/reset/password", async (req, res) => {
  const data = req.body;
  const reset = await ResetCode.findOne({ email: data.email, verified: true, used: false });
  if (reset && reset.expiresAt > new Date()) {
    const user = await User.findOne({ email: data.email });
    user.passwordHash = await bcrypt.hash(data.newPassword, 12);
    await user.save();
    reset.used = true;
    await reset.save();
    return res.json({ ok: true });
  }
  res.status(400).json({ error: "verify the code first" });
});

module.exports = router;
