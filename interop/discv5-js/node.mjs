// A ChainSafe discv5 node for Waypost's interop test. It lists the given service tags in the
// "wps" ENR entry (Waypost's capability entry, see docs/discovery.md), joins through a bootnode,
// walks the DHT, and prints one JSON line per event on stdout:
//   {"event":"ready","enr":"enr:...","nodeId":"..."}
//   {"event":"node","enr":"enr:...","nodeId":"...","wps":"<hex or empty>"}
// It stops on SIGTERM or SIGINT.
import { Discv5 } from '@chainsafe/discv5';
import { SignableENR } from '@chainsafe/enr';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { multiaddr } from '@multiformats/multiaddr';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const ip = opt('ip') ?? '127.0.0.1';
const port = Number(opt('port'));
const bootnode = opt('bootnode');
const tags = opt('wps'); // hex, 8 bytes per service

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const print = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

const privateKey = await generateKeyPair('secp256k1');
const enr = SignableENR.createFromPrivateKey(privateKey);
enr.ip = ip;
enr.udp = port;
if (tags) enr.set('wps', Buffer.from(tags, 'hex'));

const discv5 = Discv5.create({
  enr,
  privateKey,
  bindAddrs: { ip4: multiaddr(`/ip4/${ip}/udp/${port}`) },
  config: { enrUpdate: false, lookupTimeout: 2000, requestTimeout: 1000 },
});

const seen = new Set();
const report = (found) => {
  const id = found.nodeId;
  if (seen.has(id)) return;
  seen.add(id);
  const wps = found.kvs.get('wps');
  print({ event: 'node', enr: found.encodeTxt(), nodeId: id, wps: wps ? hex(wps) : '' });
};
discv5.on('discovered', report);
discv5.on('enrAdded', report);

await discv5.start();
if (bootnode) discv5.addEnr(bootnode);
print({ event: 'ready', enr: discv5.enr.encodeTxt(), nodeId: discv5.enr.nodeId });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await discv5.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

// Walk the DHT so that this node finds the Java nodes (and they learn of it).
while (!stopping) {
  try {
    for (const found of await discv5.findRandomNode()) report(found);
  } catch (e) {
    process.stderr.write(`lookup failed: ${e}\n`);
  }
  await new Promise((r) => setTimeout(r, 300));
}
