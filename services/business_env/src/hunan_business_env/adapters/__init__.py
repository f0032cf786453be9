"""Clients of other services' APIs (the synchronous trees habitat check)."""
