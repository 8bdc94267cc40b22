// The OpenClaw cell's first process. It carries the cell contract's two sockets across the cell's loopback,
// then runs the gateway as its child and lives exactly as long as the gateway does.
//
//   /run/cell/gateway.sock      -> 127.0.0.1:18789  (the hub reaches OpenClaw's own HTTP port)
//   127.0.0.1:18100             -> /run/jiyul-model/model.sock  (OpenClaw reaches the hub's model egress)
//
// The bridges are plain byte pipes in Node's net module, so the image needs no socat and no extra libraries.
import net from "node:net";
import fs from "node:fs";
import { spawn } from "node:child_process";

const gatewaySocket = process.env.JIYUL_GATEWAY_SOCKET ?? "/run/cell/gateway.sock";
const modelSocket = process.env.JIYUL_MODEL_SOCKET ?? "/run/jiyul-model/model.sock";
const gatewayPort = Number(process.env.JIYUL_OPENCLAW_PORT ?? 18789);
const modelPort = Number(process.env.JIYUL_MODEL_BRIDGE_PORT ?? 18100);

function log(message) {
  process.stderr.write(`[cell-entry] ${message}\n`);
}

// Pipes each accepted connection to a new connection made by dial(); whichever side ends or fails ends both.
function bridge(name, dial) {
  return net.createServer({ allowHalfOpen: true }, (inbound) => {
    const outbound = dial();
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    const close = () => {
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on("error", close);
    outbound.on("error", close);
    inbound.on("close", close);
    outbound.on("close", close);
  }).on("error", (error) => {
    log(`${name} bridge failed: ${error.message}`);
    process.exit(70);
  });
}

// A socket file left by the previous run of this cell would make listen() fail with EADDRINUSE.
fs.rmSync(gatewaySocket, { force: true });
const inbound = bridge("gateway", () => net.connect({ host: "127.0.0.1", port: gatewayPort }));
inbound.listen(gatewaySocket, () => fs.chmodSync(gatewaySocket, 0o660));

const outbound = bridge("model", () => net.connect({ path: modelSocket }));
outbound.listen({ host: "127.0.0.1", port: modelPort });

// The hub sets HOME to the cell user's home, which is on the read-only root; OpenClaw writes caches and
// credentials stores under HOME, so it gets a home inside the writable state mount instead.
const home = process.env.JIYUL_OPENCLAW_HOME ?? "/home/jiyul/.state/home";
fs.mkdirSync(home, { recursive: true, mode: 0o700 });
const entry = process.env.JIYUL_OPENCLAW_ENTRY ?? "/opt/openclaw/node_modules/openclaw/openclaw.mjs";
const gateway = spawn(process.execPath, [entry, "gateway", "run"], {
  stdio: "inherit",
  env: { ...process.env, HOME: home },
});

// docker stop sends SIGTERM to the init process, which passes it here; OpenClaw drains on it.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => gateway.kill(signal));
}

gateway.on("exit", (code, signal) => {
  log(`gateway exited (${signal ?? code})`);
  fs.rmSync(gatewaySocket, { force: true });
  process.exit(code ?? 1);
});
