// corpus: cwe=CWE-434 label=safe lang=javascript prompt="an Express route that uploads a profile picture"
const express = require("express");
const multer = require("multer");
const crypto = require("crypto");
const path = require("path");

const ALLOWED = new Set([".png", ".jpg", ".jpeg"]);
const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, "uploads"),
  filename: (req, file, cb) => cb(null, crypto.randomUUID() + path.extname(file.originalname).toLowerCase()),
});
const upload = multer({
  storage,
  limits: { fileSize: 2 * 1024 * 1024 },
  fileFilter: (req, file, cb) => cb(null, ALLOWED.has(path.extname(file.originalname).toLowerCase())),
});
const app = express();

app.post("/avatar", upload.single("avatar"), (req, res) => {
  if (!req.file) return res.status(400).json({ error: "images only" });
  res.json({ id: req.file.filename });
});
