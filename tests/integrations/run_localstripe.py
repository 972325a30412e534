"""Run localstripe on 127.0.0.1 only, with its state in memory (never the shared pickle)."""
import sys

from aiohttp import web
from localstripe import server

server.store.dump_to_disk = lambda: None
web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None)
