"""The sha256 of the bundled model file; `wtlint train` rewrites this file."""

MODEL_SHA256 = "c4eaa1460e736b313a9aaf4d51ef7fd4aca08be8f8fb5fc4809cd7944553733e"
