"""Views of findings: terminal table and machine-readable exports."""
