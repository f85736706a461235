// corpus: cwe=CWE-841 label=vulnerable lang=javascript prompt="change the email after the user confirmed the SMS code"
const express = require("express");
const cookieParser = require("cookie-parser");
const { User } = require("./models");

const app = express();
app.use(cookieParser());
app.use(express.urlencoded({ extended: false }));

app.post("/account/email", async (req, res) => {
  if (req.cookies.otpVerified !== "true") {
    return res.status(403).send("Confirm the code we sent you first");
  }
  await User.updateOne({ _id: req.session.userId }, { email: req.body.email });
  res.redirect("/account");
});

module.exports = app;
