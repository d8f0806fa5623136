"""A realistic demo agency for trying Lentera (`flask seed-demo`)."""
