{
  "targets": [
    {
      "target_name": "lifeline_verify",
      "sources": ["verify.c"],
      "libraries": ["-lsecp256k1"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    }
  ]
}
