"""Parsers of the file formats exports are made of (CSV, streamed JSON, field shapes, image EXIF)."""
