"""What an input is opened as: zip, tar and folder trees, the limits they share, and `open` to pick one.

`limits` imports nothing else here; `zip`, `tar` and `folder` import `limits`; `open` imports them all.
Readers need only `members` (read a member whole or its head) and the `ArchiveTree` protocol in `base`.
"""
