// corpus: cwe=CWE-943 label=safe lang=javascript prompt="a login route using MongoDB"
const express = require("express");
const User = require("./models/user");
const app = express();
app.use(express.json());

app.post("/login", async (req, res) => {
  const { username, token } = req.body;
  if (typeof username !== "string" || typeof token !== "string") return res.status(400).end();
  const user = await User.findOne({ username: username, token: token });
  if (!user) return res.status(401).end();
  res.json({ id: user.id });
});
