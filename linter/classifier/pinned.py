"""The sha256 of the bundled model file; `wtlint train` rewrites this file."""

MODEL_SHA256 = "69f79db86b7e7d544176722bd83889c30cf545f2d4f2f25ab5f8fc61f668822c"
