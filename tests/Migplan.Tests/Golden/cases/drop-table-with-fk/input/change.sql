-- Wishlists were replaced by saved carts; the old table goes.
DROP TABLE wishlist_items;
