// The Socket.IO 4 server the benchmarks compare Hubs with: the same echo and broadcast work as the hubs of the
// benchmark WAR, written as a Socket.IO user would write it.
//
//   node --expose-gc socketio-server.mjs [port [--watch-stdin]]      (port 0: any free port)
//
// Prints "listening <port>" once it accepts connections. Loopback only.
//   event "echo" (payload, ack)  -> ack(payload)                          (the echo hub's `echo`)
//   event "broadcast" (payload)  -> every other socket gets "receive"     (the broadcast hub's `broadcast`)
//   GET /stats[?gc=1]            -> {"cpuNanos","heapUsed","rss",...}   (what /stats of the WAR answers)
// It ends on SIGTERM or SIGINT, and with --watch-stdin also when its standard input closes (so that a test JVM
// that dies takes it along).
import http from "node:http";
import { createRequire } from "node:module";
import { Server } from "socket.io";

const require = createRequire(import.meta.url);
const socketIoVersion = require("socket.io/package.json").version;
const port = Number(process.argv[2] ?? 9781);

function stats(url) {
  if (url.searchParams.get("gc") && typeof global.gc === "function") {
    // Several rounds: the young and old spaces, and what finalizers released.
    for (let i = 0; i < 4; i++) {
      global.gc();
    }
  }
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    server: `Node.js ${process.version}, socket.io ${socketIoVersion}`,
    cpuNanos: (cpu.user + cpu.system) * 1000,
    heapUsed: memory.heapUsed,
    heapCommitted: memory.heapTotal,
    external: memory.external,
    rss: memory.rss,
    gcForced: Boolean(url.searchParams.get("gc")) && typeof global.gc === "function",
    connections: io.engine.clientsCount,
  };
}

const httpServer = http.createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  if (url.pathname === "/stats") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(stats(url)));
    return;
  }
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("not found");
});

// Defaults, as a user would have them (both transports, no per-message compression), without the client bundle.
const io = new Server(httpServer, { serveClient: false });

io.on("connection", (socket) => {
  socket.on("echo", (payload, ack) => {
    if (typeof ack === "function") {
      ack(payload);
    }
  });
  socket.on("broadcast", (payload) => {
    socket.broadcast.emit("receive", payload);
  });
});

httpServer.listen(port, "127.0.0.1", () => {
  console.log(`listening ${httpServer.address().port}`);
});

function stop() {
  io.close();
  httpServer.close();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
if (process.argv.includes("--watch-stdin")) {
  process.stdin.on("end", stop);
  process.stdin.on("error", stop);
  process.stdin.resume();
}
