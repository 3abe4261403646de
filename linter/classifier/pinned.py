"""The sha256 of the bundled model file; `wtlint train` rewrites this file."""

MODEL_SHA256 = "92d22a0666a26c8f348fee31819b3a800d9052d3b0dd5acf2ef7964742b7a28b"
