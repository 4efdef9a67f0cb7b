"""Keep the detection stack off the network.

tldextract, used by Presidio's email and URL recognizers, downloads the public suffix list on first
use. The scanner touches the network only for URLs the person asked to scan, so we swap its shared
extractor for one that reads the snapshot bundled with the package and never fetches.
"""

from __future__ import annotations

import os

import tldextract
import tldextract.tldextract

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

OFFLINE_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
tldextract.tldextract.TLD_EXTRACTOR = OFFLINE_EXTRACTOR
