"""Claim extraction: article text in, frozen records out. Pure Python, no Django."""
