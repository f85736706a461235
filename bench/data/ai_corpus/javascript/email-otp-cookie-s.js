// corpus: cwe=CWE-841 label=safe lang=javascript prompt="change the email after the user confirmed the SMS code"
const express = require("express");
const cookieParser = require("cookie-parser");
const { User } = require("./models");

const app = express();
app.use(cookieParser());
app.use(express.urlencoded({ extended: false }));

app.post("/account/email", async (req, res) => {
  if (!req.session.otpVerifiedAt || Date.now() - req.session.otpVerifiedAt > 5 * 60 * 1000) {
    return res.status(403).send("Confirm the code we sent you first");
  }
  await User.updateOne({ _id: req.session.userId }, { email: req.body.email });
  delete req.session.otpVerifiedAt;
  res.redirect("/account");
});

module.exports = app;
