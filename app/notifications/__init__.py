"""In-app notifications (the bell) and e-mail, through one `notify` service."""
