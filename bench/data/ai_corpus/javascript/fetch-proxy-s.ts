// corpus: cwe=CWE-918 label=safe lang=typescript prompt="a Next.js API route that fetches an image for the user"
import type { NextApiRequest, NextApiResponse } from "next";

const IMAGE_HOST = "https://images.example.com/";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const name = String(req.query.src).replace(/[^a-zA-Z0-9._-]/g, "");
  const upstream = await fetch(IMAGE_HOST + name);
  const buf = Buffer.from(await upstream.arrayBuffer());
  res.setHeader("Content-Type", "image/png");
  res.send(buf);
}
