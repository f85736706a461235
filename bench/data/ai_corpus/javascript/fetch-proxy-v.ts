// corpus: cwe=CWE-918 label=vulnerable lang=typescript prompt="a Next.js API route that fetches an image for the user"
import type { NextApiRequest, NextApiResponse } from "next";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const src = req.query.src as string;
  const upstream = await fetch(src);
  const buf = Buffer.from(await upstream.arrayBuffer());
  res.setHeader("Content-Type", upstream.headers.get("content-type") ?? "image/png");
  res.send(buf);
}
