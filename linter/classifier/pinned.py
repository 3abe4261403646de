"""The sha256 of the bundled model file; `wtlint train` rewrites this file."""

MODEL_SHA256 = "08d4a7ffebcd581c49b21f99641d9a2e44eaa59f839842ad0d57770538f94303"
