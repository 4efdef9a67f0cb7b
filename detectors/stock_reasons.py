"""What each of Presidio's stock recognizers we enable found, in the person's words.

Presidio explains a match as "Detected by `EmailRecognizer` using pattern `Email (Medium)`": library
jargon in a column a person reads to decide whether a finding is real. Ours say what they found ("a
date of birth: 'born on' before a date"); these say the same for the stock ones. Every stock
recognizer `build_registry` keeps has an entry (tests/detectors/test_stock_reasons.py checks it).
"""

STOCK_REASONS: dict[str, str] = {
    "CryptoRecognizer": "a cryptocurrency wallet address (its checksum is valid)",
    "DateRecognizer": "a date",
    "EmailRecognizer": "an email address",
    "IbanRecognizer": "a bank account number (IBAN, its checksum is valid)",
    "IpRecognizer": "an IP address",
    "MacAddressRecognizer": "a network card's hardware (MAC) address",
    "MedicalLicenseRecognizer": "a US medical licence (DEA) number",
    "UsBankRecognizer": "a US bank account number (8-17 digits)",
    "UsItinRecognizer": "a US taxpayer number (ITIN)",
    "UsPassportRecognizer": "a US passport number",
    "UsSsnRecognizer": "a US social security number",
}
"""Stock recognizer class name -> what it found, as the "why" of its findings."""
