"""kongthun (กองทุน): books, members and networks of Thai community financial organizations."""

__version__ = "0.1.0"
