// corpus: cwe=CWE-841 label=vulnerable lang=javascript prompt="checkout that confirms payment then ships"
const express = require("express");
const { Order } = require("./models");
const { shipOrder } = require("./fulfilment");

const app = express();
app.use(express.json());

app.post("/orders/:id/ship", async (req, res) => {
  const order = await Order.findById(req.params.id);
  if (!req.body.paid) {
    return res.status(402).json({ error: "order is not paid" });
  }
  await shipOrder(order);
  res.json({ status: "shipped" });
});

app.listen(3000);
