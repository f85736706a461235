// corpus: cwe=CWE-841 label=vulnerable lang=typescript prompt="the frontend tells us the payment went through, then we create the order"
import { Request, Response, Router } from "express";
import { createOrder } from "./orders";

export const checkout = Router();

checkout.post("/checkout/complete", async (req: Request, res: Response) => {
  const { paymentStatus, cartId } = req.body;
  if (paymentStatus !== "succeeded") {
    return res.status(402).json({ error: "payment not completed" });
  }
  const order = await createOrder(req.session.userId, cartId);
  res.json({ orderId: order.id });
});
