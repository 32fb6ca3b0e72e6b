"""Delivering the plan to the client: the calendar feed (and, from the delivery work, sheets and exports)."""
