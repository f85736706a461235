// corpus: cwe=CWE-434 label=vulnerable lang=javascript prompt="an Express route that uploads a profile picture"
const express = require("express");
const multer = require("multer");
const path = require("path");

const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, "public/uploads"),
  filename: (req, file, cb) => cb(null, file.originalname),
});
const upload = multer({ storage });
const app = express();

app.post("/avatar", upload.single("avatar"), (req, res) => {
  res.json({ url: "/uploads/" + req.file.originalname });
});
