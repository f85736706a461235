// corpus: cwe=CWE-841 label=safe lang=typescript prompt="the frontend tells us the payment went through, then we create the order"
import { Request, Response, Router } from "express";
import Stripe from "stripe";
import { createOrder } from "./orders";

const stripe = new Stripe(process.env.STRIPE_KEY as string);
export const checkout = Router();

checkout.post("/checkout/complete", async (req: Request, res: Response) => {
  const { paymentIntentId, cartId } = req.body;
  const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
  if (intent.status !== "succeeded" || intent.metadata.cartId !== cartId) {
    return res.status(402).json({ error: "payment not completed" });
  }
  const order = await createOrder(req.session.userId, cartId);
  res.json({ orderId: order.id });
});
