// Builds one signed Waku node record with @waku/enr (an implementation independent of Waypost's)
// and prints it as JSON: {"enr": "enr:...", "nodeId": "..."}. The Java interop test runs this.
//
// node make-enr.mjs --key <32-byte hex private key> [--ip A.B.C.D --udp PORT --tcp PORT]
//   [--relay] [--store] [--filter] [--lightpush] [--cluster N --shards 1,2,3]
//   [--multiaddr /dns4/host/tcp/443/wss ...]
import { multiaddr } from "@multiformats/multiaddr";
import { EnrCreator, EnrDecoder } from "@waku/enr";
// The package builds records with EnrEncoder but does not export it; load it from its own file.
import { EnrEncoder } from "./node_modules/@waku/enr/dist/encoder.js";
import { encodeRelayShard } from "@waku/utils";
import { getPublicKey } from "@noble/secp256k1";

const args = process.argv.slice(2);
const value = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const flag = (name) => args.includes(name);
const all = (name) => args.flatMap((a, i) => (a === name ? [args[i + 1]] : []));

const hex = value("--key");
if (!hex || !/^[0-9a-fA-F]{64}$/.test(hex)) {
  console.error("make-enr: --key takes a 32-byte private key in hex");
  process.exit(2);
}
const privateKey = Uint8Array.from(Buffer.from(hex, "hex"));
const enr = EnrCreator.fromPublicKey(getPublicKey(privateKey, true));
if (value("--ip")) {
  enr.ip = value("--ip");
}
if (value("--udp")) {
  enr.udp = Number(value("--udp"));
}
if (value("--tcp")) {
  enr.tcp = Number(value("--tcp"));
}
enr.waku2 = {
  relay: flag("--relay"),
  store: flag("--store"),
  filter: flag("--filter"),
  lightPush: flag("--lightpush"),
};
if (value("--cluster")) {
  const shards = (value("--shards") ?? "").split(",").filter((s) => s !== "").map(Number);
  const encoded = encodeRelayShard({ clusterId: Number(value("--cluster")), shards });
  enr.set(shards.length >= 64 ? "rsv" : "rs", encoded);
}
const addresses = all("--multiaddr");
if (addresses.length > 0) {
  enr.multiaddrs = addresses.map((a) => multiaddr(a));
}
const text = await EnrEncoder.toString(enr, privateKey);
// Decode it back with the same package: a record it cannot read would prove nothing.
const decoded = await EnrDecoder.fromString(text);
console.log(
  JSON.stringify({ enr: text, nodeId: decoded.nodeId, waku2: decoded.waku2, shards: decoded.shardInfo })
);
