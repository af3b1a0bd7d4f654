"""Views: parse the request, read through selectors or write through actions, render."""
