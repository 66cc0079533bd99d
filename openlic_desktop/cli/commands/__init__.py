"""One module per `openlic` command group; each has `register(subparsers)`."""
