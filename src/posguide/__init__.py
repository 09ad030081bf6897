"""posguide: look after card-payment terminals, in Chinese and English."""

__version__ = "0.1.0"
