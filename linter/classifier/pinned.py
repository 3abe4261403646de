"""The sha256 of the bundled model file; `wtlint train` rewrites this file."""

MODEL_SHA256 = "2d7d40994a2285b2b98d4228e75a9e2cf578f301441e9b892eda763ec4c4826d"
