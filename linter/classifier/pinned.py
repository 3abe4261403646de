"""The sha256 of the bundled model file; `wtlint train` rewrites this file."""

MODEL_SHA256 = "687c0628dbe0fd038fa18f61dfa3f051b18c1fb5d7ecb9106e05f8571ea0831c"
