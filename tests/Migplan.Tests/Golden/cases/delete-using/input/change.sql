-- Remove the cart items of carts abandoned for more than 180 days.
DELETE FROM cart_items ci
 USING carts c
 WHERE ci.cart_id = c.id
   AND c.updated_at < now() - interval '180 days'
   AND c.checked_out = false;
